package io.polder.engine.duckdb;

import io.polder.spi.TableInfo;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} of a complete snapshot: written last into the snapshot's folder, just before the
 * folder gets its final name, so a snapshot with a manifest is complete. Each table is {@code TABLE.parquet}.
 */
record SnapshotManifest(String snapshot, String port, String runId, Instant createdAt, String contractId,
                        String contractVersion, List<TableInfo> tables) {
    SnapshotManifest {
        tables = List.copyOf(tables);
    }
}
