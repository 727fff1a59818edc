package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.server.api.AuditRoutes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code polder audit}: the registry's audit log, newest first. */
@Command(name = "audit",
        header = "Shows the audit log, newest first.",
        description = {
            "Shows the audit log, newest first: every change and every refused request, with who did it",
            "(the token's name), in which role, the action, its target, the outcome and when.",
            "Needs a platform-admin or governance token.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder audit",
            "  polder audit --outcome denied --since 24h",
            "  polder audit --principal ci-sales --action apply-product --since 2026-01-01 -o json",
            "",
            "--since and --until take a time (2026-03-01T12:00:00Z), a date (2026-03-01, midnight UTC) or",
            "a time ago (90s, 30m, 24h, 7d).",
            "Exit codes: 0 shown, 2 wrong usage (such as a --since that is not a time, or an --action or",
            "--outcome the server does not know), 5 not allowed (needs a platform-admin or governance token),",
            "10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class AuditCommand implements Callable<Integer> {
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");
    private static final int DEFAULT_LIMIT = 100;

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    OutputOption.Tabular output;

    @Option(names = "--principal", paramLabel = "NAME", description = "Only what this principal did.")
    String principal;

    @Option(names = "--action", paramLabel = "ACTION", completionCandidates = Actions.class,
            description = "Only this action: ${COMPLETION-CANDIDATES}.")
    String action;

    /** The actions audit events name, as the server knows them. */
    static final class Actions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return AuditRoutes.ACTIONS.iterator();
        }
    }

    @Option(names = "--target", paramLabel = "TARGET", description = "Only this target, such as product/sales-orders.")
    String target;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "Only this outcome: succeeded, denied or failed.")
    String outcome;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only events at or after this time.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Only events before this time.")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (default " + DEFAULT_LIMIT + ").")
    Integer limit;

    @Option(names = "--all", description = "Every matching event, page after page.")
    boolean all;

    @Override
    public Integer call() {
        if (all && limit != null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--all and --limit exclude each other");
        }
        Clock clock = Clock.systemUTC();
        PolderClient.Query query = PolderClient.Query.none().with("principal", principal).with("action", action)
                .with("target", target).with("outcome", outcome)
                .with("since", since == null ? null : instant("--since", since, clock))
                .with("until", until == null ? null : instant("--until", until, clock));
        List<JsonNode> events = Listing.read(serverOptions.client(), PolderClient.path("audit"), query,
                all ? null : limit == null ? DEFAULT_LIMIT : limit);
        output.printListing(events, new Table("TIME", "PRINCIPAL", "ROLE", "ACTION", "TARGET", "OUTCOME", "DETAILS"),
                (table, event) -> table.row(Times.field(event, "time"), Listing.text(event, "principal"),
                        Listing.text(event, "role"), Listing.text(event, "action"), Listing.text(event, "target"),
                        Listing.text(event, "outcome"), details(event.path("details"))),
                "No audit events.");
        return 0;
    }

    /** {@code key=value ...}, sorted by key; a value that is an instant (a grant's expiry) as every time is printed. */
    private static String details(JsonNode details) {
        Map<String, String> sorted = new TreeMap<>();
        details.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue().isTextual()
                ? Times.forPeople(entry.getValue().asText()) : entry.getValue().asText()));
        StringBuilder text = new StringBuilder();
        sorted.forEach((key, value) -> text.append(text.isEmpty() ? "" : " ").append(key).append('=').append(value));
        return text.toString();
    }

    /** A time as the server takes it (ISO-8601), from a time, a date or a time ago. */
    static Instant instant(String option, String text, Clock clock) {
        Matcher ago = AGO.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration duration = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(duration);
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, option + " takes a time (2026-03-01T12:00:00Z), a date"
                    + " (2026-03-01) or a time ago (30m, 24h, 7d); found '" + text + "'");
        }
    }
}
