package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.DuckDbSession;
import io.polder.engine.duckdb.Sql;
import io.polder.spi.Progress;
import io.polder.spi.Stage;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Measures a {@link TablePlan} with as few queries as possible: one aggregate scan for every count, null,
 * missing and invalid value, row count and freshness of the table; one query per distinct key set; one
 * per sql or custom rule. A query that fails takes down only the checks that depend on it: a broken
 * expression is found by binding each one alone (binding reads no data) and the scan runs without it.
 */
final class TableChecker {
    private final DuckDbSession session;
    private final CheckContext context;

    TableChecker(DuckDbSession session, CheckContext context) {
        this.session = session;
        this.context = context;
    }

    List<CheckResult> check(TablePlan plan) {
        Measurements measured = new Measurements(plan.expressions.size());
        aggregate(plan, measured);
        context.progress().progress(new Progress(context.runId(), Stage.CHECK, plan.table, measured.rowCount(),
                context.snapshot(), "scanned " + plan.table + " once for " + plan.expressions.size() + " measures"));
        for (List<String> keys : plan.keySets) {
            duplicates(plan, keys, measured);
        }
        for (PlannedCheck check : plan.checks) {
            if (check instanceof PlannedCheck.Query || check instanceof PlannedCheck.Rows) {
                value(check, measured);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (PlannedCheck check : plan.checks) {
            results.add(evaluate(check, measured));
        }
        return results;
    }

    private void aggregate(TablePlan plan, Measurements measured) {
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < plan.expressions.size(); i++) {
            usable.add(i);
        }
        // the scan is bound once and run as bound; only when it does not bind is each expression bound alone
        PreparedStatement scan = prepared(select(plan, usable));
        if (scan == null) {
            usable.removeIf(index -> {
                String error = bindError(select(plan, List.of(index)));
                if (error != null) {
                    measured.brokenAggregates.put(index, error);
                }
                return error != null;
            });
            scan = usable.isEmpty() ? null : prepared(select(plan, usable));
        }
        if (scan == null) {
            if (!usable.isEmpty()) {
                aggregateOneByOne(plan, usable, measured);
            }
            return;
        }
        try (PreparedStatement statement = scan) {
            Object[] values = session.query(statement, "checking " + plan.table, result -> {
                result.next();
                Object[] row = new Object[usable.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = result.getObject(i + 1);
                }
                return row;
            });
            for (int i = 0; i < usable.size(); i++) {
                measured.aggregates[usable.get(i)] = values[i];
            }
        } catch (SQLException e) {
            aggregateOneByOne(plan, usable, measured);
        }
    }

    /** After a scan failed while running (not while binding): each expression on its own finds the culprit. */
    private void aggregateOneByOne(TablePlan plan, List<Integer> indexes, Measurements measured) {
        for (int index : indexes) {
            try {
                measured.aggregates[index] = session.query(select(plan, List.of(index)), "checking " + plan.table,
                        result -> result.next() ? result.getObject(1) : null);
            } catch (SQLException e) {
                measured.brokenAggregates.put(index, CheckErrors.message(e));
            }
        }
    }

    private static String select(TablePlan plan, List<Integer> indexes) {
        return indexes.stream().map(plan.expressions::get).collect(Collectors.joining(", ", "SELECT ", " FROM " + plan.relation));
    }

    /** The statement, bound; null when it does not bind. */
    private PreparedStatement prepared(String sql) {
        try {
            return session.prepare(sql);
        } catch (SQLException e) {
            return null;
        }
    }

    private String bindError(String sql) {
        try {
            session.bind(sql);
            return null;
        } catch (SQLException e) {
            return CheckErrors.message(e);
        }
    }

    private void duplicates(TablePlan plan, List<String> keys, Measurements measured) {
        String quoted = keys.stream().map(Sql::identifier).collect(Collectors.joining(", "));
        String notNull = keys.stream().map(key -> Sql.identifier(key) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String sql = "SELECT coalesce(sum(n - 1), 0), count(*) FROM (SELECT count(*) AS n FROM " + plan.relation
                + " WHERE " + notNull + " GROUP BY " + quoted + " HAVING count(*) > 1)";
        try {
            measured.duplicates.put(keys, session.query(sql, "checking duplicates of " + plan.table, result -> {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }));
        } catch (SQLException e) {
            measured.brokenKeySets.put(keys, CheckErrors.message(e));
        }
    }

    private void value(PlannedCheck check, Measurements measured) {
        boolean rows = check instanceof PlannedCheck.Rows;
        String sql = rows ? "SELECT count(*) FROM (\n" + ((PlannedCheck.Rows) check).sql() + "\n)" : ((PlannedCheck.Query) check).sql();
        try {
            Object value = session.query(sql, "running rule " + check.meta().ruleId(), result -> {
                if (!result.next()) {
                    throw new SQLException("the query returned no row; it must return one value");
                }
                Object first = Values.read(result, 1);
                if (!rows && result.next()) {
                    throw new SQLException("the query returned more than one row; it must return one value");
                }
                return first;
            });
            measured.queryValues.put(check, value);
        } catch (SQLException e) {
            measured.brokenQueries.put(check, CheckErrors.message(e));
        }
    }

    private CheckResult evaluate(PlannedCheck check, Measurements measured) {
        RuleMeta meta = check.meta();
        return switch (check) {
            case PlannedCheck.Known known -> meta.result(known.outcome(), known.value(), known.message());
            case PlannedCheck.Counted counted -> counted(counted, measured);
            case PlannedCheck.Duplicates duplicates -> duplicates(duplicates, measured);
            case PlannedCheck.Freshness freshness -> freshness(freshness, measured);
            case PlannedCheck.Query query -> queried(query, measured, "");
            case PlannedCheck.Rows rows -> queried(rows, measured, " offending rows");
        };
    }

    private CheckResult counted(PlannedCheck.Counted counted, Measurements measured) {
        RuleMeta meta = counted.meta();
        String broken = counted.expression() < 0 ? null : measured.brokenAggregates.get(counted.expression());
        if (broken != null || measured.aggregates[TablePlan.ROW_COUNT] == null) {
            return meta.result(CheckOutcome.ERROR, null, broken != null ? broken : "the table could not be scanned: "
                    + measured.brokenAggregates.get(TablePlan.ROW_COUNT));
        }
        long count = counted.knownCount() != null ? counted.knownCount()
                : Values.asLong(measured.aggregates[counted.expression()]);
        Object value = counted.percent() ? percent(count, measured.rowCount()) : (Object) count;
        String measure = counted.percent() ? value + "% (" + count + " of " + measured.rowCount() + " rows)" : count + "";
        return compared(meta, value, measure + " " + counted.phrase() + " in " + meta.subject());
    }

    private CheckResult duplicates(PlannedCheck.Duplicates duplicates, Measurements measured) {
        RuleMeta meta = duplicates.meta();
        String broken = measured.brokenKeySets.get(duplicates.keyColumns());
        if (broken == null && duplicates.nullKeyExpression() >= 0) {
            broken = measured.brokenAggregates.get(duplicates.nullKeyExpression());
        }
        if (broken != null) {
            return meta.result(CheckOutcome.ERROR, null, broken);
        }
        long[] found = measured.duplicates.get(duplicates.keyColumns());
        long nullKeys = duplicates.knownNullKeys() != null ? duplicates.knownNullKeys()
                : duplicates.nullKeyExpression() < 0 ? 0 : Values.asLong(measured.aggregates[duplicates.nullKeyExpression()]);
        long count = found[0] + nullKeys;
        Object value = duplicates.percent() ? percent(count, measured.rowCount()) : (Object) count;
        String keys = String.join(", ", duplicates.keyColumns());
        String measure = found[0] + " duplicate rows (" + found[1] + " repeated values of " + keys + ")"
                + (duplicates.nullKeyPredicate() != null ? " and " + nullKeys + " rows with a null key" : "")
                + (duplicates.percent() ? ", " + value + "% of " + measured.rowCount() + " rows" : "");
        return compared(meta, value, measure + " in " + meta.table());
    }

    private CheckResult freshness(PlannedCheck.Freshness freshness, Measurements measured) {
        RuleMeta meta = freshness.meta();
        String broken = measured.brokenAggregates.get(freshness.expression());
        if (broken != null) {
            return meta.result(CheckOutcome.ERROR, null, broken);
        }
        Object newest = measured.aggregates[freshness.expression()];
        if (newest == null) {
            return meta.result(CheckOutcome.FAILED, null, "no value of " + meta.subject() + " to measure "
                    + meta.metric() + " on (the table is empty or the column is all null)");
        }
        Instant newestAt = freshness.dateColumn() ? LocalDate.parse(newest.toString()).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.ofEpochMilli(((Number) newest).longValue());
        boolean passes = freshness.dateColumn()
                ? !LocalDate.parse(newest.toString()).isBefore(freshness.cutoffDate()) : !newestAt.isBefore(freshness.cutoff());
        BigDecimal age = freshness.allowed().measure(Duration.between(newestAt, freshness.now()).isNegative()
                ? Duration.ZERO : Duration.between(newestAt, freshness.now()));
        String message = "the newest " + meta.subject() + " (" + (freshness.dateColumn() ? newest : newestAt) + ") is "
                + age.stripTrailingZeros().toPlainString() + " " + freshness.allowed().unitName() + " old; the contract"
                + " promises at most " + freshness.allowed();
        return meta.result(passes ? CheckOutcome.PASSED : CheckOutcome.FAILED, age, message);
    }

    private CheckResult queried(PlannedCheck check, Measurements measured, String phrase) {
        RuleMeta meta = check.meta();
        String broken = measured.brokenQueries.get(check);
        if (broken != null) {
            return meta.result(CheckOutcome.ERROR, null, broken);
        }
        Object value = measured.queryValues.get(check);
        if (value == null) {
            return meta.result(CheckOutcome.ERROR, null, "the query returned NULL, which no operator can compare");
        }
        return compared(meta, value, "the query returned " + Expectation.describe(value) + phrase);
    }

    private static CheckResult compared(RuleMeta meta, Object value, String measure) {
        String failure = Expectation.failure(value, meta.threshold());
        if (failure == null) {
            return meta.result(CheckOutcome.PASSED, value, measure + " (expected " + Expectation.describe(meta.threshold()) + ")");
        }
        String nan = Values.asDouble(value) != null && Values.asDouble(value).isNaN() ? "; NaN satisfies no comparison" : "";
        return meta.result(CheckOutcome.FAILED, value, measure + "; expected " + Expectation.describe(meta.threshold()) + nan);
    }

    static BigDecimal percent(long count, long rows) {
        if (rows == 0) {
            return BigDecimal.ZERO;
        }
        return Values.tidy(BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(rows), 4,
                RoundingMode.HALF_UP));
    }
}
