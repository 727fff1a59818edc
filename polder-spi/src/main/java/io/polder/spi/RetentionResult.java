package io.polder.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What applying a retention policy to a port did: the snapshots deleted and those kept, newest first. */
public record RetentionResult(PortRef port, List<SnapshotId> deleted, List<SnapshotId> kept) {
    public RetentionResult {
        requireNonNull(port, "port is null");
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
    }
}
