package io.polder.engine.duckdb.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of one table and what they need measured: the expressions of the one fused aggregate scan
 * (identical expressions are computed once: {@code required} and a nullValues rule on the same column
 * share theirs), the distinct key sets for duplicates, and the queries of sql and custom rules.
 */
final class TablePlan {
    static final int ROW_COUNT = 0;

    final String table;
    final String relation;
    final List<String> expressions = new ArrayList<>(List.of("count(*)"));
    final Set<List<String>> keySets = new LinkedHashSet<>();
    final List<PlannedCheck> checks = new ArrayList<>();
    private final Map<String, Integer> indexes = new HashMap<>(Map.of("count(*)", ROW_COUNT));

    TablePlan(String table, String relation) {
        this.table = table;
        this.relation = relation;
    }

    /** The index of {@code expression} in the aggregate scan, adding it the first time. */
    int expression(String expression) {
        return indexes.computeIfAbsent(expression, added -> {
            expressions.add(added);
            return expressions.size() - 1;
        });
    }

    /**
     * The rows where {@code predicate} is true. {@code count_if} rather than {@code count(*) FILTER (WHERE ...)}:
     * the same count, but DuckDB evaluates it as one vectorised expression instead of a filter per aggregate,
     * which is markedly cheaper with thirty of them in one scan.
     */
    int count(String predicate) {
        return expression("count_if(" + predicate + ")");
    }

    void keySet(List<String> columns) {
        keySets.add(List.copyOf(columns));
    }

    void add(PlannedCheck check) {
        checks.add(check);
    }
}
