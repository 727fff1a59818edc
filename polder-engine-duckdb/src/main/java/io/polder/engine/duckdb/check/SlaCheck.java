package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.Sql;
import io.polder.engine.duckdb.TypeFamily;
import io.polder.model.odcs.Comparison;
import io.polder.model.odcs.ComparisonOperator;
import io.polder.spi.ColumnInfo;
import io.polder.spi.check.CheckOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * An SLA property measured on a column: {@code latency} (the newest value is no older than the amount) or
 * {@code retention} (no row is older than the amount: data past its retention must have been deleted).
 */
record SlaCheck(RuleMeta meta, String column, SlaRules.Amount amount, Instant now, boolean latency) {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    void plan(TablePlan plan, Map<String, ColumnInfo> columns) {
        ColumnInfo actual = columns.get(column);
        if (actual == null) {
            plan.add(new PlannedCheck.Known(meta, CheckOutcome.ERROR, null, "the SLA's element " + plan.table + "."
                    + column + " is not a column of the table"));
            return;
        }
        TypeFamily family = TypeFamily.of(actual.type());
        if (family != TypeFamily.DATE && family != TypeFamily.TIMESTAMP) {
            plan.add(new PlannedCheck.Known(meta, CheckOutcome.ERROR, null, "the SLA's element " + plan.table + "."
                    + column + " is " + actual.type() + "; " + meta.metric() + " is measured on a date or a timestamp"));
            return;
        }
        Instant cutoff = amount.before(now);
        LocalDate cutoffDate = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        boolean date = family == TypeFamily.DATE;
        String quoted = Sql.identifier(column);
        if (latency) {
            int expression = plan.expression(date ? "max(" + quoted + ")" : "epoch_ms(max(" + quoted + "))");
            plan.add(new PlannedCheck.Freshness(meta.withThreshold(new Comparison(
                    ComparisonOperator.MUST_BE_LESS_OR_EQUAL_TO, amount.value())), expression, date, now, cutoff,
                    cutoffDate, amount));
            return;
        }
        String bound = date ? "DATE " + Sql.literal(cutoffDate.toString())
                : (actual.type().toUpperCase().contains("TIME ZONE") ? "TIMESTAMPTZ " : "TIMESTAMP ")
                + Sql.literal(TIMESTAMP.format(cutoff));
        String predicate = quoted + " < " + bound;
        plan.add(new PlannedCheck.Counted(meta.withThreshold(new Comparison(ComparisonOperator.MUST_BE, 0L)),
                plan.count(predicate), null, predicate, false, "rows older than the retention of " + amount));
    }
}
