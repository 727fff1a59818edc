package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.DuckDbSession;
import io.polder.engine.duckdb.Sql;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.FailedRows;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Samples the rows that made checks fail, for diagnosis in quarantine. Only columns that are neither
 * personal nor restricted are read: a sample must not copy protected data out of the table.
 */
final class Samples {
    /** At most this many sample queries per contract run, however many checks fail. */
    static final int MAX_QUERIES = 50;

    private final DuckDbSession session;
    private final int rows;
    private int queries;

    Samples(DuckDbSession session, int rows) {
        this.session = session;
        this.rows = rows;
    }

    /** The results with samples added to those that failed and have rows to show. */
    List<CheckResult> add(TablePlan plan, List<CheckResult> results, List<String> columns, Set<String> protectedColumns) {
        List<String> safe = columns.stream().filter(column -> !protectedColumns.contains(column)).toList();
        List<String> omitted = columns.stream().filter(protectedColumns::contains).toList();
        List<CheckResult> sampled = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            CheckResult result = results.get(i);
            String sql = result.outcome() == CheckOutcome.FAILED && rows > 0 && !safe.isEmpty() && queries < MAX_QUERIES
                    ? sampleSql(plan, plan.checks.get(i), safe) : null;
            sampled.add(sql == null ? result : sample(result, sql, plan.checks.get(i), omitted, protectedColumns));
        }
        return sampled;
    }

    private CheckResult sample(CheckResult result, String sql, PlannedCheck check, List<String> omitted,
                               Set<String> protectedColumns) {
        queries++;
        try {
            FailedRows sample = session.query(sql, "sampling rows failing " + result.ruleId(),
                    rows -> read(rows, check instanceof PlannedCheck.Rows ? protectedColumns : Set.of(), omitted));
            return result.withFailedRows(sample);
        } catch (SQLException e) {
            return result; // the verdict stands; only the illustration is missing
        }
    }

    private String sampleSql(TablePlan plan, PlannedCheck check, List<String> safe) {
        String columns = safe.stream().map(column -> "t." + Sql.identifier(column)).collect(Collectors.joining(", "));
        String from = " FROM " + plan.relation + " AS t";
        return switch (check) {
            case PlannedCheck.Counted counted when counted.predicate() != null ->
                    "SELECT " + columns + from + " WHERE " + counted.predicate() + " LIMIT " + rows;
            case PlannedCheck.Duplicates duplicates -> duplicateSample(plan, duplicates, columns, from);
            case PlannedCheck.Rows custom -> "SELECT * FROM (\n" + custom.sql() + "\n) LIMIT " + rows;
            default -> null;
        };
    }

    private String duplicateSample(TablePlan plan, PlannedCheck.Duplicates duplicates, String columns, String from) {
        List<String> keys = duplicates.keyColumns().stream().map(Sql::identifier).toList();
        String keyList = String.join(", ", keys);
        String notNull = keys.stream().map(key -> key + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String on = keys.stream().map(key -> "t." + key + " = d." + key).collect(Collectors.joining(" AND "));
        String repeated = "SELECT " + keyList + " FROM " + plan.relation + " WHERE " + notNull + " GROUP BY " + keyList
                + " HAVING count(*) > 1 LIMIT " + rows;
        String duplicatesSql = "SELECT " + columns + from + " SEMI JOIN (" + repeated + ") AS d ON " + on;
        if (duplicates.nullKeyPredicate() == null || Long.valueOf(0).equals(duplicates.knownNullKeys())) {
            return duplicatesSql + " ORDER BY " + keys.stream().map(key -> "t." + key).collect(Collectors.joining(", "))
                    + " LIMIT " + rows;
        }
        String anyNull = keys.stream().map(key -> "t." + key + " IS NULL").collect(Collectors.joining(" OR "));
        String nullKeys = "SELECT " + columns + from + " WHERE " + anyNull;
        return "(" + nullKeys + " LIMIT " + rows + ") UNION ALL (" + duplicatesSql + " LIMIT " + rows + ") LIMIT " + rows;
    }

    private static FailedRows read(ResultSet result, Set<String> dropByName, List<String> omitted) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<Integer> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> dropped = new ArrayList<>(omitted);
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            if (dropByName.contains(name)) {
                dropped.add(name);
            } else {
                kept.add(i);
                names.add(name);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        while (result.next()) {
            List<Object> row = new ArrayList<>(kept.size());
            for (int index : kept) {
                row.add(Values.read(result, index));
            }
            rows.add(row);
        }
        return new FailedRows(names, rows, dropped.stream().distinct().toList());
    }
}
