package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import io.polder.spi.ColumnInfo;
import io.polder.spi.PortRef;
import io.polder.spi.PublishedRelation;
import io.polder.spi.SnapshotId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A relation a principal may read, with everything the gateway needs to serve it: the published snapshot's
 * table (engine location), its columns with their masks, the grant's row filter and expiry.
 *
 * @param grant the grant's id in the registry, for the audit log (empty when there is none)
 * @param location where the engine keeps the table: for DuckDB the Parquet file of the published snapshot
 * @param rowFilter the rows the grant shows, or null for all rows
 * @param expiresAt when the grant lapses, or null for never
 */
public record GrantedRelation(RelationName name, PortRef port, SnapshotId snapshot, String location,
                              List<GrantedColumn> columns, RowFilter rowFilter, Instant expiresAt, String grant) {
    public GrantedRelation {
        requireNonNull(name, "name is null");
        requireNonNull(port, "port is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(location, "location is null");
        requireNonNull(grant, "grant is null");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(name + " has no columns");
        }
        Set<String> seen = new HashSet<>();
        for (GrantedColumn column : columns) {
            if (!seen.add(RelationName.asciiLower(column.name()))) {
                throw new IllegalArgumentException(name + " has two columns named " + column.name());
            }
        }
    }

    /**
     * The published table {@code published} under {@code name}, each column masked as {@code masks} says
     * (a column it does not name is shown as published).
     */
    public static GrantedRelation of(RelationName name, PublishedRelation published, Map<String, ColumnMask> masks,
                                     RowFilter rowFilter, Instant expiresAt, String grant) {
        List<GrantedColumn> columns = new ArrayList<>();
        for (ColumnInfo column : published.columns()) {
            columns.add(new GrantedColumn(column.name(), column.type(), masks.getOrDefault(column.name(), ColumnMask.NONE)));
        }
        for (String masked : masks.keySet()) {
            if (published.columns().stream().noneMatch(column -> column.name().equals(masked))) {
                throw new IllegalArgumentException("a mask names the column " + masked + ", which " + name + " does not have");
            }
        }
        return new GrantedRelation(name, published.port(), published.snapshot(), published.location(), columns,
                rowFilter, expiresAt, grant);
    }

    /** The same relation under another name (its versioned or unversioned one). */
    public GrantedRelation named(RelationName other) {
        return new GrantedRelation(other, port, snapshot, location, columns, rowFilter, expiresAt, grant);
    }

    public Optional<RowFilter> filter() {
        return Optional.ofNullable(rowFilter);
    }

    /** True when the grant has lapsed at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
