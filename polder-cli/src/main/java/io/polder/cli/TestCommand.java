package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder test}: runs a product's contracts against its published data. */
@Command(name = "test",
        header = "Runs a product's contracts against its published data.",
        description = {
            "Runs the contracts of a product's output ports against their published data, on the Polder",
            "server, and prints every rule with what was measured, the threshold and the outcome. Nothing is",
            "built or published.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder test sales-orders",
            "  polder test sales-orders --port orders -o json",
            "",
            "Exit codes: 0 no error-level check failed (warnings allowed), 1 an error-level check failed,",
            "2 wrong usage, 3 no such product or port, or nothing published yet (build it first), 5 not",
            "allowed, 10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    OutputOption.Run output;

    @Parameters(index = "0", paramLabel = "PRODUCT", description = "The product whose contracts to run.")
    String product;

    @Option(names = "--port", paramLabel = "PORT", description = "Only this output port (default: every one).")
    String port;

    @Override
    public Integer call() {
        // progress only for people: JSON and YAML are the run alone
        PrintWriter progress = output.forPeople() ? spec.commandLine().getOut()
                : new PrintWriter(java.io.Writer.nullWriter());
        PolderClient client = serverOptions.client();
        if (port != null) {
            OutputPorts.select(client, product, port); // a port it does not have: not found, naming those it has
        }
        JsonNode detail = new RunWatcher(client, progress).test(product, port);
        JsonNode run = detail.path("run");
        output.print(detail, out -> print(detail, out));
        if (run.hasNonNull("errorCode")) {
            throw new PolderException(ErrorCode.valueOf(run.path("errorCode").asText()),
                    aboutProduct(product, run.path("errorMessage").asText()));
        }
        return run.path("state").asText().equals("succeeded") ? 0 : 1;
    }

    /**
     * {@code message} as it is when it names {@code product} already (as in {@code product 'P' has no ...} or
     * {@code P/PORT/v1 has published nothing yet}), else after {@code PRODUCT: }: the product is named once.
     */
    static String aboutProduct(String product, String message) {
        boolean named = java.util.regex.Pattern.compile("(?<![A-Za-z0-9._-])" + java.util.regex.Pattern.quote(product)
                + "(?![A-Za-z0-9._-])").matcher(message).find();
        return named ? message : product + ": " + message;
    }

    static void print(JsonNode detail, PrintWriter out) {
        // the message whole and last: it says what failed and by how much, and nothing follows it to misalign
        Table table = new Table("PORT", "RULE", "SEVERITY", "VALUE", "THRESHOLD", "OUTCOME", "MESSAGE").whole("MESSAGE");
        for (JsonNode check : detail.path("checks")) {
            JsonNode value = check.path("value");
            table.row(check.path("port").asText(), check.path("ruleId").asText(), check.path("severity").asText(),
                    value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString(),
                    check.path("threshold").asText(""), check.path("outcome").asText(),
                    check.path("outcome").asText().equals("passed") ? "" : check.path("message").asText());
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        JsonNode run = detail.path("run");
        String checks = detail.path("checks").isEmpty() ? "" : ", " + RunWatcher.checkSummary(detail);
        out.println(run.path("productId").asText() + ": " + run.path("state").asText() + checks
                + (run.hasNonNull("errorMessage") && !run.hasNonNull("errorCode")
                ? " — " + run.path("errorMessage").asText() : ""));
        RunWatcher.printWarnings(detail, "", out);
    }
}
