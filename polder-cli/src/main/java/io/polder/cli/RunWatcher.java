package io.polder.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts builds and contract runs on the server and follows them to the end: it polls the run
 * ({@code GET /api/v1/runs/ID}), printing a line whenever its stage changes, and answers the finished run with
 * its ports, checks and lineage.
 */
final class RunWatcher {
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * How many times a build asks again after waiting for one of the same product that was running already (the
     * server's scheduler builds a product on its cron and after an upstream publish, so `polder build --all` meets
     * its builds); then the conflict is the answer.
     */
    static final int BUILD_ATTEMPTS = 3;

    private final PolderClient client;
    private final PrintWriter out;

    RunWatcher(PolderClient client, PrintWriter out) {
        this.client = requireNonNull(client, "client is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * Builds {@code product} and waits for the run to finish. When the product is being built already (by the
     * scheduler, or another command), it waits for that build, then starts its own: a build asked for now reads the
     * sources and inputs as they are now.
     */
    JsonNode build(String product) {
        for (int attempt = 1; ; attempt++) {
            JsonNode queued;
            try {
                queued = client.post(PolderClient.path("products", product, "builds"), null).body();
            } catch (PolderException e) {
                if (e.code() != ErrorCode.CONFLICT || !(e.details().get("runId") instanceof String running)
                        || attempt == BUILD_ATTEMPTS) {
                    throw e;
                }
                out.println("  " + product + ": waiting for the build that is running already (run " + running
                        + "), then building");
                out.flush();
                follow(product, running, false);
                continue;
            }
            return follow(product, queued.path("run").path("id").asText(), true);
        }
    }

    /** Runs the contracts of {@code product} (of its port {@code port}, when given) and waits for the run. */
    JsonNode test(String product, String port) {
        JsonNode queued = client.post(PolderClient.path("products", product, "tests"),
                PolderClient.Query.none().with("port", port), null, java.util.Map.of()).body();
        return follow(product, queued.path("run").path("id").asText(), true);
    }

    /** Polls the run until it is finished, printing its stages when {@code printStages}. */
    private JsonNode follow(String product, String runId, boolean printStages) {
        String lastStage = "";
        while (true) {
            JsonNode detail = client.get(PolderClient.path("runs", runId)).body();
            JsonNode run = detail.path("run");
            String state = run.path("state").asText();
            String stage = run.path("stage").asText("");
            // a run that ended is printed in the stage it ended in too: a stage shorter than a poll (a quick
            // publish) is otherwise never seen, and the build would seem to have skipped it
            if (printStages && !stage.isEmpty() && !stage.equals(lastStage)) {
                out.println("  " + product + ": " + stage + rows(run));
                out.flush();
                lastStage = stage;
            }
            if (isFinished(state)) {
                return detail;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolderException(ErrorCode.INTERNAL, "interrupted while waiting for run " + runId
                        + "; it goes on on the server (polder get runs " + product + ")");
            }
        }
    }

    static boolean isFinished(String state) {
        return state.equals("succeeded") || state.equals("failed");
    }

    private static String rows(JsonNode run) {
        long rows = run.path("rows").asLong();
        return rows > 0 ? String.format(Locale.ROOT, " (%,d rows)", rows) : "";
    }

    /**
     * {@code passed/total} of a run's checks, with the failures counted by severity and the checks skipped by design
     * (text rules, rules for another engine), so that the counts add up.
     */
    static String checkSummary(JsonNode detail) {
        int total = detail.path("checks").size();
        if (total == 0) {
            return "-";
        }
        int passed = 0;
        int skipped = 0;
        List<String> failed = new ArrayList<>();
        for (JsonNode check : detail.path("checks")) {
            String outcome = check.path("outcome").asText();
            if (outcome.equals("passed")) {
                passed++;
            } else if (outcome.equals("failed") || outcome.equals("error")) {
                failed.add(check.path("severity").asText());
            } else if (outcome.equals("skipped")) {
                skipped++;
            }
        }
        String summary = passed + "/" + total + " passed";
        long errors = failed.stream().filter(severity -> severity.equals("error")).count();
        if (!failed.isEmpty()) {
            summary += ", " + failed.size() + " failed (" + errors + " error-level)";
        }
        return skipped == 0 ? summary : summary + ", " + skipped + " skipped";
    }

    /**
     * The run's warnings, one line each ({@code PREFIX PRODUCT: warning: ...}): what a policy found on the product
     * when it was built or tested, an OpenLineage endpoint that did not take an event. They do not fail the run.
     */
    static void printWarnings(JsonNode detail, String prefix, PrintWriter out) {
        JsonNode run = detail.path("run");
        for (JsonNode warning : run.path("warnings")) {
            out.println(prefix + run.path("productId").asText() + ": warning: " + warning.asText());
        }
        out.flush();
    }

    /** How long a finished run took, such as {@code 1.4s}. */
    static String duration(JsonNode run) {
        if (!run.hasNonNull("startedAt") || !run.hasNonNull("finishedAt")) {
            return "-";
        }
        Duration elapsed = Duration.between(java.time.Instant.parse(run.path("startedAt").asText()),
                java.time.Instant.parse(run.path("finishedAt").asText()));
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }
}
