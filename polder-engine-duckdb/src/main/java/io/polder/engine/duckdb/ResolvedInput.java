package io.polder.engine.duckdb;

import io.polder.spi.SnapshotId;
import io.polder.spi.build.InputBinding;
import java.nio.file.Path;
import java.util.Map;

/** An input port bound to the published snapshot it reads, with that snapshot's table files. */
record ResolvedInput(InputBinding binding, SnapshotId snapshot, SnapshotManifest manifest, Map<String, Path> tables) {
    ResolvedInput {
        tables = Map.copyOf(tables);
    }
}
