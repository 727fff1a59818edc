package io.polder.engine.duckdb.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the queries of a table measured: the aggregate values by expression, the duplicates by key set, the
 * values of sql and custom rules; and, for each thing that could not be measured, DuckDB's reason.
 */
final class Measurements {
    final Object[] aggregates;
    final Map<Integer, String> brokenAggregates = new HashMap<>();
    final Map<List<String>, long[]> duplicates = new HashMap<>();
    final Map<List<String>, String> brokenKeySets = new HashMap<>();
    final Map<PlannedCheck, Object> queryValues = new HashMap<>();
    final Map<PlannedCheck, String> brokenQueries = new HashMap<>();

    Measurements(int expressions) {
        this.aggregates = new Object[expressions];
    }

    long rowCount() {
        return Values.asLong(aggregates[TablePlan.ROW_COUNT]);
    }
}
