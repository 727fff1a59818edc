package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code polder demo} says at its end, from runs shaped as the server answers them ({@code GET /api/v1/runs/ID}):
 * "all contracts pass" only when every check did; failed checks counted by severity and named.
 */
class DemoVerdictTest {
    @Test
    void everyCheckPassedOrSkippedIsAllContractsPass() {
        DemoVerdict verdict = DemoVerdict.of(List.of(run("build", "a", "succeeded", check("a", "r1", "error", "passed"))),
                Map.of("a", run("test", "a", "succeeded", check("a", "r1", "error", "passed"),
                        check("a", "r2", "error", "skipped"))));
        assertThat(verdict.succeeded()).isTrue();
        assertThat(verdict.allContractsPass()).isTrue();
        assertThat(printed(verdict)).isEqualTo("Every product is built and published, and all contracts pass (checks: 1"
                + " passed, 0 failed at error level, 0 failed at warning level, 1 skipped).\n");
    }

    @Test
    void aFailedWarningDoesNotFailTheDemoButIsCountedAndNamed() {
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        tests.put("a", run("test", "a", "succeeded", check("a", "r1", "error", "passed"),
                check("a", "fresh", "warning", "failed")));
        tests.put("b", run("test", "b", "succeeded", check("b", "r1", "error", "passed")));
        DemoVerdict verdict = DemoVerdict.of(List.of(run("build", "a", "succeeded"), run("build", "b", "succeeded")),
                tests);
        assertThat(verdict.succeeded()).as("a warning does not block publishing").isTrue();
        assertThat(verdict.allContractsPass()).isFalse();
        assertThat(printed(verdict)).isEqualTo("""
                Every product is built and published, but not every check passed: 2 passed, 0 failed at error level, \
                1 failed at warning level, 0 skipped.
                A failed check below error level does not block publishing, nor fail the demo:
                  a p/v1 fresh (warning): fresh is not met
                """);
    }

    @Test
    void aFailedBuildFailsTheDemoAndItsChecksAreTheOnesCounted() {
        DemoVerdict verdict = DemoVerdict.of(List.of(run("build", "a", "failed", check("a", "count", "error", "failed"),
                check("a", "odd", "info", "error")), run("build", "b", "succeeded")),
                Map.of("b", run("test", "b", "succeeded", check("b", "r1", "error", "passed"))));
        assertThat(verdict.succeeded()).isFalse();
        assertThat(verdict.failed()).isEqualTo(2);
        assertThat(printed(verdict)).isEqualTo("Not everything passed: 1 run of 2 products failed; contract checks: 1"
                + " passed, 1 failed at error level, 0 failed at warning level, 1 failed at info level, 0 skipped.\n"
                + "  a: build failed: not published\n"
                + "  a p/v1 count (error): count is not met\n"
                + "  a p/v1 odd (info, error): odd is not met\n"
                + "See the runs with `polder get runs PRODUCT`, a run's checks with `polder get runs RUN-ID`.\n");
    }

    private static String printed(DemoVerdict verdict) {
        StringWriter text = new StringWriter();
        verdict.print(new PrintWriter(text, true));
        return text.toString();
    }

    private static JsonNode run(String kind, String product, String state, JsonNode... checks) {
        var detail = PolderClient.JSON.createObjectNode();
        var run = detail.putObject("run").put("kind", kind).put("productId", product).put("state", state);
        if (state.equals("failed")) {
            run.put("errorMessage", "not published");
        }
        detail.putArray("checks").addAll(List.of(checks));
        return detail;
    }

    private static JsonNode check(String product, String rule, String severity, String outcome) {
        return PolderClient.JSON.createObjectNode().put("port", product + "/p/v1").put("ruleId", rule)
                .put("severity", severity).put("outcome", outcome).put("message", rule + " is not met");
    }
}
