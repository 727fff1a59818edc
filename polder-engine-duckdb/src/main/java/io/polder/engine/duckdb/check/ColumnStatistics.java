package io.polder.engine.duckdb.check;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What is known about a table's columns without reading their data: the null counts that Parquet writes into
 * each file's footer. A check that counts nulls is answered from here when it can; the one-query-per-check
 * way gets the same for free from DuckDB's pushdown of {@code WHERE column IS NULL} into the footers, and the
 * fused scan should not be the slower for having fused.
 */
@FunctionalInterface
public interface ColumnStatistics {
    /** The number of nulls in {@code table.column}, when every part of the file records it. */
    OptionalLong nullCount(String table, String column);

    static ColumnStatistics none() {
        return (table, column) -> OptionalLong.empty();
    }

    /** Statistics from a map of table to column to null count. */
    static ColumnStatistics of(Map<String, Map<String, Long>> nullCounts) {
        return (table, column) -> {
            Long count = nullCounts.getOrDefault(table, Map.of()).get(column);
            return count == null ? OptionalLong.empty() : OptionalLong.of(count);
        };
    }
}
