package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder lifecycle}: moves a product along draft → active → deprecated → retired. */
@Command(name = "lifecycle",
        header = "Changes a product's lifecycle status (activate, deprecate, retire).",
        description = {
            "Changes a product's lifecycle status: draft -> active or retired, active -> deprecated",
            "(with the date it will be retired), deprecated -> retired. Needs a platform-admin token or",
            "a domain-owner token of the product's domain.",
            "",
            "The change names the revision it was made against, so it is refused (exit 4) when someone",
            "changed the product in between; run it again to act on the new state.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder lifecycle sales-orders --status deprecated --sunset 2099-12-31",
            "  polder lifecycle sales-orders --status retired",
            "",
            "Exit codes: 0 changed, or the product has that status already (it says nothing changed),",
            "2 wrong usage (such as a sunset date in the past), 3 no such product, 4 a move the lifecycle",
            "does not allow from the product's status, or changed concurrently, 5 no or insufficient token,",
            "10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class LifecycleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(paramLabel = "PRODUCT", description = "The product's id.")
    String product;

    @Option(names = "--status", required = true, paramLabel = "STATUS",
            description = "The new status: active, deprecated or retired.")
    String status;

    @Option(names = "--sunset", paramLabel = "YYYY-MM-DD", description = "When a deprecated product will be retired.")
    String sunset;

    @Override
    public Integer call() {
        if (sunset != null) {
            requireDate(sunset);
        }
        PolderClient client = serverOptions.client();
        PolderClient.Response current = client.get(PolderClient.path("products", product));
        String etag = current.header("ETag").orElseThrow(() -> new PolderException(ErrorCode.INTERNAL,
                "the server sent product " + product + " without an ETag; cannot change it safely"));
        JsonNode was = productOf(current.body());
        String before = was.path("status").asText();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("sunsetDate", sunset);
        PolderClient.Response changed = client.post(PolderClient.path("products", product, "lifecycle"),
                PolderClient.Query.none(), body, Map.of("If-Match", etag));
        JsonNode after = productOf(changed.body());
        PrintWriter out = spec.commandLine().getOut();
        String sunsetDate = Listing.text(after, "sunsetDate");
        String revision = " (revision " + after.path("revision").asText("?") + ")";
        if (before.equals(after.path("status").asText(status)) && sunsetDate.equals(Listing.text(was, "sunsetDate"))) {
            out.println(product + " is " + before + " already" + (sunsetDate.isEmpty() ? "" : ", sunset " + sunsetDate)
                    + ": nothing changed" + revision);
        } else {
            out.println(product + ": " + before + " -> " + after.path("status").asText(status)
                    + (sunsetDate.isEmpty() ? "" : ", sunset " + sunsetDate) + revision);
        }
        out.flush();
        return 0;
    }

    /** The product itself, whether the server answered with the product or with its detail. */
    private static JsonNode productOf(JsonNode body) {
        return body.has("product") ? body.path("product") : body;
    }

    private static void requireDate(String text) {
        try {
            LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--sunset must be a date written YYYY-MM-DD, found '"
                    + text + "'");
        }
    }
}
