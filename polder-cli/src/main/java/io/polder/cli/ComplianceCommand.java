package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.governance.ComplianceReport;
import io.polder.registry.governance.ComplianceReport.ComplianceCounts;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code polder compliance}: how the registry's products meet the policies in force, and the trend. */
@Command(name = "compliance",
        header = "Shows how the current products meet the policies in force.",
        description = {
            "Evaluates the registry's current products against the policies in force, now, and shows the",
            "pass rate per domain and per policy, every failure (FILE:LINE:COLUMN in the product's files),",
            "and the history: one recorded evaluation per apply, and per `polder compliance --record`.",
            "The pass rate counts passed results among passed, failed and not-evaluable ones; exempted",
            "results are counted apart. Any token may read it; --record needs platform-admin or governance.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder compliance",
            "  polder compliance --domain sales",
            "  polder compliance --record                 # evaluate now and keep it in the history",
            "  polder compliance -o json",
            "",
            "The server and token come from --server/--token or POLDER_SERVER/POLDER_TOKEN.",
            "Exit codes: 0 shown, 2 wrong usage, 3 no such domain, 5 no or insufficient token,",
            "10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class ComplianceCommand implements Callable<Integer> {
    private static final int HISTORY_SHOWN = 10;

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    OutputOption.Tabular output;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain's products and history.")
    String domain;

    @Option(names = "--record", description = "Record this evaluation in the history (the whole mesh; not with --domain).")
    boolean record;

    @Override
    public Integer call() {
        if (record && domain != null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT,
                    "--record evaluates the whole mesh; it cannot be combined with --domain");
        }
        PolderClient client = serverOptions.client();
        String path = PolderClient.path("compliance");
        JsonNode body = record ? client.post(path, Map.of()).body()
                : client.get(path, PolderClient.Query.none().with("domain", domain)).body();
        output.print(body, out -> print(PolderClient.JSON.convertValue(body, ComplianceReport.class), out));
        return 0;
    }

    private void print(ComplianceReport report, PrintWriter out) {
        out.println("Compliance" + (report.domain() == null ? "" : " of domain " + report.domain()) + " at "
                + Times.forPeople(report.evaluatedAt()) + ": " + report.total().products() + " products, " + report.policies()
                + " policies in force, pass rate " + rate(report.total().counts()) + ", "
                + report.total().blockedProducts() + " blocked" + (record ? " (recorded)" : "") + ".");
        out.println();
        Table domains = new Table("DOMAIN", "PRODUCTS", "BLOCKED", "PASS RATE", "PASSED", "FAILED", "ERRORS", "EXEMPTED");
        report.domains().forEach(row -> domains.row(row.domain(), String.valueOf(row.products()),
                String.valueOf(row.blockedProducts()), rate(row.counts()), String.valueOf(row.counts().passed()),
                String.valueOf(row.counts().failed()), String.valueOf(row.counts().errored()),
                String.valueOf(row.counts().exempted())));
        domains.print(out);
        out.println();
        Table policies = new Table("POLICY", "SEVERITY", "FAILING PRODUCTS", "PASS RATE", "FAILED", "ERRORS", "EXEMPTED");
        report.policyRates().forEach(row -> policies.row(row.policy(), row.severity(), String.valueOf(row.failingProducts()),
                rate(row.counts()), String.valueOf(row.counts().failed()), String.valueOf(row.counts().errored()),
                String.valueOf(row.counts().exempted())));
        policies.print(out);
        out.println();
        if (report.failures().isEmpty()) {
            out.println("No failures.");
        } else {
            out.println("Failures (" + report.failuresTotal() + "):");
            report.failures().forEach(failure -> out.println(failure.file()
                    + (failure.line() > 0 ? ":" + failure.line() + ":" + failure.column() : "") + ": " + failure.product()
                    + ": " + (failure.outcome().equals("errored") ? "policy broken" : failure.severity()) + ": "
                    + failure.message() + " [policy " + failure.policy() + "]"));
            if (report.failuresTotal() > report.failures().size()) {
                out.println("(" + (report.failuresTotal() - report.failures().size()) + " more; -o json lists "
                        + report.failures().size() + ")");
            }
        }
        out.println();
        if (report.history().isEmpty()) {
            out.println("No recorded evaluation yet (one is recorded at every apply, and by --record).");
        } else {
            out.println("History (last " + Math.min(HISTORY_SHOWN, report.history().size()) + " of "
                    + report.history().size() + " recorded):");
            Table history = new Table("TIME", "CAUSE", "BY", "PRODUCTS", "BLOCKED", "PASS RATE");
            report.history().stream().skip(Math.max(0, report.history().size() - HISTORY_SHOWN))
                    .forEach(snapshot -> history.row(Times.forPeople(snapshot.takenAt()), snapshot.cause(), snapshot.principal(),
                            String.valueOf(snapshot.products()), String.valueOf(snapshot.blockedProducts()),
                            rate(snapshot.counts())));
            history.print(out);
        }
        out.flush();
    }

    private static String rate(ComplianceCounts counts) {
        return String.format(Locale.ROOT, "%.1f%%", counts.passRate() * 100);
    }
}
