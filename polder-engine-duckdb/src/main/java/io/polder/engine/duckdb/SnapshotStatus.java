package io.polder.engine.duckdb;

import io.polder.spi.check.CheckRunOutcome;
import java.time.Instant;

/**
 * {@code status.json} of a snapshot: what its checks said and whether it was ever published. Replaced
 * atomically as a whole. Publishing moves the pointer first and writes the status after, so a status never
 * says a snapshot was published that was not; a kill in between leaves the pointer's snapshot without its
 * publication, which the pointer still tells and {@link WarehouseRecovery} writes back.
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

    /** As published at {@code at}; null: never published. */
    SnapshotStatus published(Instant at) {
        return new SnapshotStatus(quarantined, checkOutcome, checkedAt, at, note);
    }

    /** A candidate whose build stopped before its check was recorded: quarantined, so never published. */
    SnapshotStatus abandoned(String why) {
        return new SnapshotStatus(true, checkOutcome, checkedAt, publishedAt, why);
    }
}
