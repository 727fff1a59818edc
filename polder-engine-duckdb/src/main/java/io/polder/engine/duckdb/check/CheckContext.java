package io.polder.engine.duckdb.check;

import io.polder.spi.ProgressListener;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.SnapshotId;
import java.time.Instant;

/**
 * What a contract run needs besides the data: the run's id, the time it measures freshness against, the
 * port's retention policy, how many failed rows to sample, and where progress goes.
 */
public record CheckContext(String runId, SnapshotId snapshot, Instant now, RetentionPolicy retention,
                           int sampleRows, ProgressListener progress) {
}
