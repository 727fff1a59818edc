package io.polder.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table of a port's published snapshot, described for a query gateway: where the engine keeps it and
 * what it looks like. The gateway reads the published pointer only, never a candidate.
 *
 * @param location engine-specific: for DuckDB the absolute path of the Parquet file; for an Iceberg engine
 *                 the table and the ref to read
 */
public record PublishedRelation(PortRef port, SnapshotId snapshot, String table, String location,
                                List<ColumnInfo> columns, long rows) {
    public PublishedRelation {
        requireNonNull(port, "port is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(table, "table is null");
        requireNonNull(location, "location is null");
        columns = List.copyOf(columns);
    }
}
