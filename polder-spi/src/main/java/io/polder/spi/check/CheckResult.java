package io.polder.spi.check;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.Comparison;

/**
 * The result of one check of a contract run.
 *
 * @param ruleId the rule's {@code id} in the contract, or a generated one for schema and SLA checks
 *               (such as {@code orders.order_id:required})
 * @param name the rule's {@code name}, or a readable label
 * @param table the schema object checked, or null for checks on the whole port
 * @param property the property checked, or null for table-level checks
 * @param metric the library metric, the SLA property, or null
 * @param value what was measured: a Number, a Boolean or a String; null when nothing was measured
 * @param unit {@code rows} or {@code percent} for library metrics; the SLA's unit; or null
 * @param threshold what the value must satisfy, or null for checks with an implicit expectation
 * @param message one readable line: why it failed or errored, or what passed
 * @param failedRows a sample of the offending rows, or null
 */
public record CheckResult(String ruleId, String name, CheckKind kind, String table, String property, String metric,
                          Severity severity, CheckOutcome outcome, Object value, String unit, Comparison threshold,
                          String message, FailedRows failedRows) {
    public CheckResult {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
    }

    /** Whether this result keeps the data from being published: an error-severity check that failed or errored. */
    public boolean blocksPublishing() {
        return severity == Severity.ERROR && (outcome == CheckOutcome.FAILED || outcome == CheckOutcome.ERROR);
    }

    public CheckResult withFailedRows(FailedRows sample) {
        return new CheckResult(ruleId, name, kind, table, property, metric, severity, outcome, value, unit, threshold,
                message, sample);
    }
}
