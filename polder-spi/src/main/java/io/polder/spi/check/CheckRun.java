package io.polder.spi.check;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a port's contract against one snapshot.
 *
 * @param queryCount how many queries over the data the run issued: one aggregate scan per table, one per
 *                   distinct set of uniqueness keys, one per sql or custom rule, and one per sample of
 *                   failed rows (plus one per check re-run on its own when a fused query failed)
 */
public record CheckRun(String runId, PortRef port, SnapshotId snapshot, String contractId, String contractVersion,
                       Instant startedAt, Duration elapsed, int queryCount, List<CheckResult> results) {
    public CheckRun {
        requireNonNull(runId, "runId is null");
        requireNonNull(port, "port is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(elapsed, "elapsed is null");
        results = List.copyOf(results);
    }

    @JsonProperty("outcome")
    public CheckRunOutcome outcome() {
        if (results.stream().anyMatch(CheckResult::blocksPublishing)) {
            return CheckRunOutcome.FAILED;
        }
        boolean warned = results.stream().anyMatch(result -> result.outcome() == CheckOutcome.FAILED
                || result.outcome() == CheckOutcome.ERROR);
        return warned ? CheckRunOutcome.WARNED : CheckRunOutcome.PASSED;
    }

    public boolean blocksPublishing() {
        return outcome() == CheckRunOutcome.FAILED;
    }

    /** The results that failed or errored, at any severity. */
    public List<CheckResult> problems() {
        return results.stream().filter(result -> result.outcome() == CheckOutcome.FAILED
                || result.outcome() == CheckOutcome.ERROR).toList();
    }

    public long count(CheckOutcome outcome) {
        return results.stream().filter(result -> result.outcome() == outcome).count();
    }

    /** The result of the rule with this id. */
    public java.util.Optional<CheckResult> result(String ruleId) {
        return results.stream().filter(result -> result.ruleId().equals(ruleId)).findFirst();
    }
}
