package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code polder demo} says at the end about its builds and contract runs, counted from the runs themselves:
 * how many checks passed, failed (by severity) and were skipped, and each check that failed by name. "All contracts
 * pass" only when no check failed; a failed warning-level check does not fail the demo (it does not block
 * publishing) but is named, and an error-level one or a failed run does.
 *
 * @param failedRuns the builds and contract runs that failed, as {@code PRODUCT: build failed: why}
 * @param failedBySeverity how many checks failed (or could not be evaluated), by severity, errors first
 * @param failures each failed check, as {@code PRODUCT PORT RULE (SEVERITY): message}
 */
record DemoVerdict(int products, List<String> failedRuns, int passed, Map<String, Integer> failedBySeverity,
                   int skipped, List<String> failures) {
    DemoVerdict {
        failedRuns = List.copyOf(failedRuns);
        failedBySeverity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failedBySeverity));
        failures = List.copyOf(failures);
    }

    /**
     * @param builds each product's finished build
     * @param tests each product's finished contract run, by product; a product whose build failed has none, and its
     *     build's checks are the ones counted
     */
    static DemoVerdict of(List<JsonNode> builds, Map<String, JsonNode> tests) {
        List<String> failedRuns = new ArrayList<>();
        Map<String, Integer> failedBySeverity = new LinkedHashMap<>();
        failedBySeverity.put("error", 0);
        failedBySeverity.put("warning", 0);
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int skipped = 0;
        for (JsonNode build : builds) {
            String product = build.path("run").path("productId").asText();
            JsonNode test = tests.get(product);
            note(build, "build", failedRuns);
            if (test != null) {
                note(test, "contract run", failedRuns);
            }
            for (JsonNode check : (test != null ? test : build).path("checks")) {
                String outcome = check.path("outcome").asText();
                if (outcome.equals("passed")) {
                    passed++;
                } else if (outcome.equals("skipped")) {
                    skipped++;
                } else {
                    String severity = check.path("severity").asText("error");
                    failedBySeverity.merge(severity, 1, Integer::sum);
                    failures.add(product + " " + OutputPorts.withinProduct(check.path("port"), product) + " "
                            + check.path("ruleId").asText() + " (" + severity + (outcome.equals("failed") ? "" : ", "
                            + outcome) + "): " + check.path("message").asText());
                }
            }
        }
        return new DemoVerdict(builds.size(), failedRuns, passed, failedBySeverity, skipped, failures);
    }

    private static void note(JsonNode detail, String what, List<String> failedRuns) {
        JsonNode run = detail.path("run");
        if (!run.path("state").asText().equals("succeeded")) {
            failedRuns.add(run.path("productId").asText() + ": " + what + " " + run.path("state").asText()
                    + (run.hasNonNull("errorMessage") ? ": " + run.path("errorMessage").asText() : ""));
        }
    }

    /** Whether the demo succeeded: every build and contract run did, so no error-level check failed. */
    boolean succeeded() {
        return failedRuns.isEmpty() && failedBySeverity.getOrDefault("error", 0) == 0;
    }

    /** Whether every check of every contract passed (or was skipped by design). */
    boolean allContractsPass() {
        return failures.isEmpty();
    }

    int failed() {
        return failedBySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The counts: {@code 560 passed, 0 failed at error level, 2 failed at warning level, 7 skipped}. */
    String counts() {
        List<String> parts = new ArrayList<>();
        parts.add(passed + " passed");
        failedBySeverity.forEach((severity, count) -> parts.add(count + " failed at " + severity + " level"));
        parts.add(skipped + " skipped");
        return String.join(", ", parts);
    }

    void print(PrintWriter out) {
        if (!succeeded()) {
            out.println("Not everything passed: " + ValidateCommand.plural(failedRuns.size(), "run") + " of "
                    + ValidateCommand.plural(products, "product") + " failed; contract checks: " + counts() + ".");
            failedRuns.forEach(run -> out.println("  " + run));
        } else if (allContractsPass()) {
            out.println("Every product is built and published, and all contracts pass (checks: " + counts() + ").");
        } else {
            out.println("Every product is built and published, but not every check passed: " + counts() + ".");
            out.println("A failed check below error level does not block publishing, nor fail the demo:");
        }
        failures.forEach(failure -> out.println("  " + failure));
        if (!succeeded()) {
            out.println("See the runs with `polder get runs PRODUCT`, a run's checks with `polder get runs RUN-ID`.");
        }
        out.flush();
    }
}
