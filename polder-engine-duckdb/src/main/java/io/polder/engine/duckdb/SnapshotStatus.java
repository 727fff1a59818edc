package io.polder.engine.duckdb;

import io.polder.spi.check.CheckRunOutcome;
import java.time.Instant;

/**
 * {@code status.json} of a snapshot: what its checks said and whether it was ever published. Replaced
 * atomically as a whole.
 *
 * @param checkOutcome the outcome of its last contract run; null when never checked
 * @param publishedAt when it was last published; null when never
 */
record SnapshotStatus(boolean quarantined, CheckRunOutcome checkOutcome, Instant checkedAt, Instant publishedAt,
                      String note) {
    static final SnapshotStatus UNCHECKED = new SnapshotStatus(false, null, null, null, null);

    SnapshotStatus checked(CheckRunOutcome outcome, Instant at, boolean quarantine, String why) {
        return new SnapshotStatus(quarantine || quarantined, outcome, at, publishedAt, quarantine ? why : note);
    }

    SnapshotStatus published(Instant at) {
        return new SnapshotStatus(quarantined, checkOutcome, checkedAt, at, note);
    }
}
