package io.polder.engine.duckdb.check;

import io.polder.model.odcs.Comparison;
import io.polder.spi.check.CheckKind;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.Severity;

/** What a check is, independent of how it is measured: its identity, its severity and its expectation. */
record RuleMeta(String ruleId, String name, CheckKind kind, String table, String property, String metric,
                Severity severity, String unit, Comparison threshold) {

    CheckResult result(CheckOutcome outcome, Object value, String message) {
        return new CheckResult(ruleId, name, kind, table, property, metric, severity, outcome, value, unit, threshold,
                message, null);
    }

    /** The same check measured as {@code newMetric} in {@code newUnit} against {@code newThreshold}. */
    RuleMeta with(String newMetric, String newUnit, Comparison newThreshold) {
        return new RuleMeta(ruleId, name, kind, table, property, newMetric, severity, newUnit, newThreshold);
    }

    RuleMeta withThreshold(Comparison comparison) {
        return new RuleMeta(ruleId, name, kind, table, property, metric, severity, unit, comparison);
    }

    /** {@code table.column}, or the table alone. */
    String subject() {
        return property == null ? table : table + "." + property;
    }
}
