package io.polder.engine.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what the footer of a Parquet file the engine wrote says about its columns: the null count of every
 * row group. Only top-level columns whose every row group records its null count are returned.
 */
final class ParquetFooters {
    private ParquetFooters() {
    }

    static Map<String, Long> nullCounts(DuckDbSession session, Path file) {
        try {
            return session.metadata("SELECT path_in_schema, sum(stats_null_count), count(*) = count(stats_null_count)"
                    + " FROM parquet_metadata(" + Sql.literal(file) + ") GROUP BY path_in_schema", "reading the footer of "
                    + file.getFileName(), result -> {
                        Map<String, Long> counts = new HashMap<>();
                        while (result.next()) {
                            String column = result.getString(1);
                            if (result.getBoolean(3) && !column.contains(", ")) {
                                counts.put(column, result.getLong(2));
                            }
                        }
                        return counts;
                    });
        } catch (SQLException unreadable) {
            return Map.of(); // the checks then count the nulls in the scan
        }
    }
}
