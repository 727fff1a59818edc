package io.polder.engine.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what the footers of the Parquet files the engine wrote say about their columns: the null count of every
 * row group. Only top-level columns whose every row group records its null count are returned.
 */
final class ParquetFooters {
    private ParquetFooters() {
    }

    /**
     * The null counts of each table's file ({@code files}: table to file), table to column to nulls, in one read
     * of every footer. The rows are summed here: DuckDB's GROUP BY over a few metadata rows costs more than the
     * read itself. A footer that DuckDB cannot read fails that one read as a whole (DuckDB's reader may still read
     * the file: {@code parquet_metadata} converts every statistic, the reader only those it uses), so then each
     * file's footer is read alone, and only the tables whose footer cannot be read have no counts: the checks count
     * their nulls in the scan.
     */
    static Map<String, Map<String, Long>> nullCounts(DuckDbSession session, Map<String, Path> files) {
        try {
            return read(session, files);
        } catch (SQLException unreadable) {
            if (files.size() == 1) {
                return Map.of();
            }
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        files.forEach((table, file) -> {
            try {
                counts.putAll(read(session, Map.of(table, file)));
            } catch (SQLException unreadable) {
                // this table's checks count its nulls in the scan
            }
        });
        return counts;
    }

    private static Map<String, Map<String, Long>> read(DuckDbSession session, Map<String, Path> files)
            throws SQLException {
        Map<String, String> tableByFile = new HashMap<>();
        files.forEach((table, file) -> tableByFile.put(file.toAbsolutePath().normalize().toString(), table));
        String list = files.values().stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        return session.metadata("SELECT file_name, path_in_schema, stats_null_count FROM parquet_metadata(" + list
                + ")", "reading the footers of the snapshot", result -> {
                    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
                    Map<String, Set<String>> unrecorded = new HashMap<>();
                    while (result.next()) {
                        String table = tableByFile.get(result.getString(1));
                        String column = result.getString(2);
                        long nulls = result.getLong(3);
                        if (table == null || column.contains(", ")) {
                            continue;
                        }
                        if (result.wasNull()) {
                            unrecorded.computeIfAbsent(table, key -> new HashSet<>()).add(column);
                        }
                        counts.computeIfAbsent(table, key -> new HashMap<>()).merge(column, nulls, Long::sum);
                    }
                    unrecorded.forEach((table, columns) -> counts.get(table).keySet().removeAll(columns));
                    return counts;
                });
    }
}
