package io.polder.spi;

import static java.util.Objects.requireNonNull;

import io.polder.spi.check.CheckRunOutcome;
import java.time.Instant;
import java.util.List;

/**
 * What an engine knows about one snapshot of a port.
 *
 * @param runId the build run that wrote it
 * @param contractVersion the version of the port's contract it was built and checked against
 * @param checkOutcome the outcome of its last contract run, or null if it was never checked
 * @param publishedAt when it was last made the published snapshot, or null if never
 * @param note why it is quarantined, or null
 */
public record SnapshotInfo(PortRef port, SnapshotId id, SnapshotState state, Instant createdAt, String runId,
                           String contractVersion, CheckRunOutcome checkOutcome, Instant publishedAt,
                           List<TableInfo> tables, String note) {
    public SnapshotInfo {
        requireNonNull(port, "port is null");
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
        tables = List.copyOf(tables);
    }

    /** The table called {@code name}, if the snapshot has it. */
    public java.util.Optional<TableInfo> table(String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst();
    }
}
