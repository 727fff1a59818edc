package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder access request|requests|inbox|approve|reject|grants|revoke}: access to output ports. */
@Command(name = "access",
        header = "Requests access to output ports, and decides on requests.",
        description = {
            "Requests access to data products' output ports, and decides on such requests.",
            "",
            "A consumer requests access to a port (PRODUCT/PORT, as `polder get ports` lists them) for a",
            "purpose and a number of days. The port's owners (the owning domain's domain-owner and the",
            "members of the owning team; platform-admins too) find the request in their inbox and approve",
            "it (optionally unmasking personal columns and with a row filter) or reject it with a reason.",
            "A grant lapses by itself when its days are over; revoking it takes effect on the next query.",
            "Every step is recorded in the audit log.",
            ""
        },
        footer = {
            "",
            "The story:",
            "  polder get ports                                                   # what there is to read",
            "  polder access request sales-orders/orders --purpose \"churn model\" --days 90",
            "  polder access inbox                                                # as an owner",
            "  polder access approve REQUEST_ID",
            "  polder access grants",
            "  polder access revoke GRANT_ID --reason \"the model is retired\"",
            "",
            "Exit codes: 0 ok, 2 wrong usage, 3 not found, 4 conflict (decided already, or a request",
            "pending already), 5 no or insufficient token, 10 server unreachable."
        },
        mixinStandardHelpOptions = true,
        subcommands = {AccessCommand.Request.class, AccessCommand.Requests.class, AccessCommand.Inbox.class,
            AccessCommand.Approve.class, AccessCommand.Reject.class, AccessCommand.Grants.class,
            AccessCommand.Revoke.class})
final class AccessCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name what to do: request, requests, inbox, approve, reject, grants or revoke");
    }

    @Command(name = "request",
            header = "Requests access to an output port, for you or your team.",
            description = {
                "Requests access to an output port for a purpose and a number of days, for you (or for a",
                "team you belong to, with --team). The request waits in the port owners' inbox, unless the",
                "port's polder.yaml approves requests like it at once.",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  polder access request sales-orders/orders --purpose \"churn model\" --days 90",
                "  polder access request customer-profiles/customers --purpose \"newsletter\" --days 30 \\",
                "      --unmask email --row-scope \"customers who opted in\"",
                "  polder access request sales-orders/orders --purpose \"monthly report\" --days 365 \\",
                "      --team finance-controlling-team"
            },
            mixinStandardHelpOptions = true)
    static final class Request implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Sentence output;

        @Parameters(paramLabel = "PRODUCT/PORT", description = "The output port, such as sales-orders/orders.")
        String port;

        @Option(names = "--purpose", required = true, paramLabel = "TEXT",
                description = "What you need the data for; the owners decide on it.")
        String purpose;

        @Option(names = "--days", required = true, paramLabel = "N", description = "How long you need access, 1 to 730 days.")
        int days;

        @Option(names = "--unmask", split = ",", paramLabel = "COLUMN",
                description = "Masked (personal) columns you need to see as they are, comma-separated.")
        List<String> unmask;

        @Option(names = "--row-scope", paramLabel = "TEXT",
                description = "Which rows you need, in your words (the owners write the row filter).")
        String rowScope;

        @Option(names = "--team", paramLabel = "TEAM", description = "Request for this team (you must belong to it).")
        String team;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("port", port);
            body.put("purpose", purpose);
            body.put("days", days);
            body.put("unmask", unmask == null ? List.of() : unmask);
            body.put("rowScope", rowScope);
            body.put("team", team);
            JsonNode request = serverOptions.client().post(PolderClient.path("access", "requests"), body).body();
            output.print(request, out -> describe(request, out));
            return 0;
        }

        private static void describe(JsonNode request, PrintWriter out) {
            String id = text(request, "id");
            if (text(request, "state").equals("approved")) {
                out.println("Access to " + address(request) + " for " + grantee(request) + " was approved at once ("
                        + text(request, "decisionReason") + "): grant " + text(request, "grantId") + ".");
                out.println("See it with `polder access grants`.");
            } else {
                out.println("Requested access to " + address(request) + " for " + grantee(request) + " (request "
                        + id + "), pending.");
                out.println("The owners of " + text(request, "product") + " see it in `polder access inbox` and decide"
                        + " with `polder access approve " + id + "` or `polder access reject " + id + " --reason ...`.");
            }
        }
    }

    @Command(name = "requests",
            header = "Lists access requests: yours, or those on the ports you own.",
            description = {"Lists the access requests you may see: yours, your teams', and those for the ports you",
                "own (all of them for platform-admin and governance), newest first.", ""},
            footer = {"", "Examples:", "  polder access requests", "  polder access requests --state rejected -o json"},
            mixinStandardHelpOptions = true)
    static final class Requests implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Tabular output;

        @Option(names = "--state", paramLabel = "STATE", description = "Only pending, approved or rejected requests.")
        String state;

        @Option(names = "--product", paramLabel = "PRODUCT", description = "Only requests for this product's ports.")
        String product;

        @Option(names = "--limit", paramLabel = "N", description = "At most N requests (default: all).")
        Integer limit;

        @Override
        public Integer call() {
            PolderClient client = serverOptions.client();
            List<JsonNode> requests = Listing.read(client, PolderClient.path("access", "requests"),
                    PolderClient.Query.none().with("state", state).with("product", product), limit);
            requireProduct(client, requests, product);
            output.printListing(requests,
                    new Table("ID", "PORT", "GRANTEE", "PURPOSE", "DAYS", "STATE", "DECIDED BY", "REASON", "GRANT"),
                    (table, request) -> table.row(text(request, "id"), address(request), grantee(request),
                            text(request, "purpose"), text(request, "durationDays"), text(request, "state"),
                            text(request, "decidedBy"), text(request, "decisionReason"), text(request, "grantId")),
                    "No access requests.");
            return 0;
        }
    }

    @Command(name = "inbox",
            header = "The pending requests you decide on, and grants expiring soon.",
            description = {"What waits for you as an owner: the pending requests for your products' ports (every",
                "pending request, for a platform-admin), and the grants on them that expire within 7 days.", ""},
            footer = {"", "Examples:", "  polder access inbox", "  polder access inbox -o json"},
            mixinStandardHelpOptions = true)
    static final class Inbox implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Tabular output;

        @Override
        public Integer call() {
            JsonNode inbox = serverOptions.client().get(PolderClient.path("access", "inbox")).body();
            output.print(inbox, out -> describe(inbox, out));
            return 0;
        }

        private static void describe(JsonNode inbox, PrintWriter out) {
            JsonNode pending = inbox.path("pending");
            if (pending.isEmpty()) {
                out.println("No pending access requests.");
            } else {
                Table table = new Table("ID", "PORT", "GRANTEE", "PURPOSE", "DAYS", "UNMASK", "ROW SCOPE",
                        "REQUESTED BY", "REQUESTED");
                pending.forEach(request -> table.row(text(request, "id"), address(request), grantee(request),
                        text(request, "purpose"), text(request, "durationDays"), text(request, "unmaskColumns"),
                        text(request, "rowScope"), text(request, "requestedBy"), Times.field(request, "requestedAt")));
                table.print(out);
                out.println();
                out.println("Decide with `polder access approve ID` (--unmask, --row-filter, --days) or"
                        + " `polder access reject ID --reason ...`.");
            }
            JsonNode reminders = inbox.path("reminders");
            if (!reminders.isEmpty()) {
                out.println();
                out.println("Grants that expire soon:");
                Table table = new Table("GRANT", "PORT", "GRANTEE", "EXPIRES");
                reminders.forEach(reminder -> table.row(text(reminder, "grantId"), address(reminder),
                        text(reminder, "granteeKind") + " " + text(reminder, "grantee"), Times.field(reminder, "expiresAt")));
                table.print(out);
            }
        }
    }

    @Command(name = "approve",
            header = "Approves a pending request: grants access, with masks and row filter.",
            description = {"Approves a pending access request: a grant for its grantee, as requested unless you",
                "say otherwise. The row filter is a SQL condition over the port's columns; it applies to every",
                "table of the port, so it may name only columns they all have, and it is checked against each",
                "table of the port's contract before the grant is made.", ""},
            footer = {"", "Examples:", "  polder access approve 01jd6w8j3k5m7n9p1q3r5s7t9v",
                "  polder access approve 01jd6w8j3k5m7n9p1q3r5s7t9v --unmask email --row-filter \"country_code = 'NL'\"",
                "  polder access approve 01jd6w8j3k5m7n9p1q3r5s7t9v --no-unmask --days 30"},
            mixinStandardHelpOptions = true)
    static final class Approve implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Sentence output;

        @Parameters(paramLabel = "REQUEST_ID", description = "The request (see `polder access inbox`).")
        String id;

        @Option(names = "--unmask", split = ",", paramLabel = "COLUMN",
                description = "The masked columns the grant shows, comma-separated (default: those requested).")
        List<String> unmask;

        @Option(names = "--no-unmask", description = "Show no masked column, whatever was requested.")
        boolean noUnmask;

        @Option(names = "--row-filter", paramLabel = "SQL",
                description = "Only the rows this condition keeps, such as \"region = 'EU'\" (default: every row).")
        String rowFilter;

        @Option(names = "--days", paramLabel = "N", description = "How long the grant lasts (default: as requested).")
        Integer days;

        @Option(names = "--reason", paramLabel = "TEXT", description = "A note for the requester.")
        String reason;

        @Override
        public Integer call() {
            if (noUnmask && unmask != null) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "give --unmask or --no-unmask, not both");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("unmask", noUnmask ? List.of() : unmask);
            body.put("rowFilter", rowFilter);
            body.put("days", days);
            body.put("reason", reason);
            PolderClient client = serverOptions.client();
            JsonNode request = client.post(PolderClient.path("access", "requests", id, "approve"), body).body();
            output.print(request, out -> {
                JsonNode grant = client.get(PolderClient.path("access", "grants", text(request, "grantId"))).body();
                out.println("Approved request " + text(request, "id") + ": grant " + text(grant, "id") + " lets "
                        + grantee(grant) + " read " + address(grant) + describeGrant(grant) + ".");
            });
            return 0;
        }
    }

    @Command(name = "reject",
            header = "Rejects a pending request, with a reason.",
            description = {"Rejects a pending access request, with a reason the requester sees.", ""},
            footer = {"", "Example:", "  polder access reject 01jd6w8j3k5m7n9p1q3r5s7t9v --reason \"use sales-daily-revenue\""},
            mixinStandardHelpOptions = true)
    static final class Reject extends Decision {
        @Parameters(paramLabel = "REQUEST_ID", description = "The request (see `polder access inbox`).")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; the requester sees it.")
        String reason;

        @Override
        public Integer call() {
            return decide(PolderClient.path("access", "requests", id, "reject"), reason, request -> "Rejected request "
                    + text(request, "id") + " of " + grantee(request) + " for " + address(request) + ": "
                    + text(request, "decisionReason"));
        }
    }

    /**
     * A decision on one request or grant with a reason (reject, revoke): posted to the server, answered with a
     * sentence, or with the server's answer as JSON or YAML.
     */
    abstract static class Decision implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Sentence output;

        int decide(String path, String reason, java.util.function.Function<JsonNode, String> sentence) {
            JsonNode answer = serverOptions.client().post(path, Map.of("reason", reason)).body();
            output.print(answer, out -> out.println(sentence.apply(answer)));
            return 0;
        }
    }

    @Command(name = "grants",
            header = "Lists grants: yours, or those on the ports you own.",
            description = {"Lists the grants you may see: yours, your teams', and those on the ports you own (all of them",
                "for platform-admin and governance), newest first. Expired and revoked grants only with --all.",
                "Owners read their own products' ports without a grant.", ""},
            footer = {"", "Examples:", "  polder access grants", "  polder access grants --product sales-orders --all -o json"},
            mixinStandardHelpOptions = true)
    static final class Grants implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Tabular output;

        @Option(names = "--product", paramLabel = "PRODUCT", description = "Only grants on this product's ports.")
        String product;

        @Option(names = "--all", description = "Also expired and revoked grants.")
        boolean all;

        @Option(names = "--limit", paramLabel = "N", description = "At most N grants (default: all).")
        Integer limit;

        @Override
        public Integer call() {
            PolderClient client = serverOptions.client();
            List<JsonNode> grants = Listing.read(client, PolderClient.path("access", "grants"),
                    PolderClient.Query.none().with("product", product).with("lapsed", all ? "true" : null), limit);
            requireProduct(client, grants, product);
            output.printListing(grants,
                    new Table("ID", "PORT", "GRANTEE", "PURPOSE", "UNMASKED", "ROW FILTER", "EXPIRES", "STATE"),
                    (table, grant) -> table.row(text(grant, "id"), address(grant), grantee(grant), text(grant, "purpose"),
                            text(grant, "unmaskedColumns"), text(grant, "rowFilter"), Times.field(grant, "expiresAt"),
                            state(grant)),
                    all ? "No grants." : "No active grants (--all shows expired and revoked ones too).");
            return 0;
        }
    }

    @Command(name = "revoke",
            header = "Revokes a grant: the next query is refused.",
            description = {"Revokes a grant, with a reason: from the next query on it no longer works.", ""},
            footer = {"", "Example:", "  polder access revoke 01jd6w8j3k5m7n9p1q3r5s7t9v --reason \"the project ended\""},
            mixinStandardHelpOptions = true)
    static final class Revoke extends Decision {
        @Parameters(paramLabel = "GRANT_ID", description = "The grant (see `polder access grants`).")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded in the audit log.")
        String reason;

        @Override
        public Integer call() {
            return decide(PolderClient.path("access", "grants", id, "revoke"), reason, grant -> "Revoked grant "
                    + text(grant, "id") + ": " + grantee(grant) + " no longer reads " + address(grant)
                    + " (from the next query on).");
        }
    }

    private static String describeGrant(JsonNode grant) {
        List<String> parts = new ArrayList<>();
        String expires = Times.field(grant, "expiresAt");
        parts.add(expires.isEmpty() ? "without expiry" : "until " + expires);
        String unmasked = text(grant, "unmaskedColumns");
        parts.add(unmasked.isEmpty() ? "masked columns stay masked" : "unmasked: " + unmasked);
        String filter = text(grant, "rowFilter");
        parts.add(filter.isEmpty() ? "every row" : "rows where " + filter);
        return " (" + String.join("; ", parts) + ")";
    }

    private static String state(JsonNode grant) {
        if (!text(grant, "revokedAt").isEmpty()) {
            return "revoked";
        }
        String expires = text(grant, "expiresAt");
        return !expires.isEmpty() && !java.time.Instant.parse(expires).isAfter(java.time.Instant.now()) ? "expired"
                : "active";
    }

    /**
     * An empty listing for a product the registry does not hold is that product not found (exit 3), not "No grants."
     * (exit 0), which a typo in {@code --product} would otherwise look like.
     */
    private static void requireProduct(PolderClient client, List<JsonNode> items, String product) {
        if (items.isEmpty() && product != null) {
            client.get(PolderClient.path("products", product));
        }
    }

    private static String address(JsonNode item) {
        return text(item, "product") + "/" + text(item, "port");
    }

    private static String grantee(JsonNode item) {
        return (text(item, "granteeKind").equals("team") ? "team " : "") + text(item, "grantee");
    }

    private static String text(JsonNode item, String field) {
        return Listing.text(item, field);
    }
}
