package io.polder.engine.duckdb;

import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import java.util.List;
import java.util.Optional;

/**
 * Makes right what a process killed in the middle of a build or a publication left in a port's folder, with
 * the product's lock held, so that no run of this process or another is in the middle of one. A new engine
 * recovers every product that nobody holds; a build, a publication and retention recover their product's ports
 * first. Each step leaves the published pointer, and the snapshot it names, as they were:
 * <ul>
 *   <li>partial snapshots and half-deleted ones ({@code ID.partial/}, {@code .deleting-ID/}) are deleted;</li>
 *   <li>temporary files of metadata writes that were never renamed are deleted
 *       ({@link Warehouse#clearTemporaryFiles});</li>
 *   <li>a sealed candidate that was never checked, or whose check was never recorded, was left by a build that
 *       stopped between sealing and checking it: it is quarantined as abandoned, saying so, so that it is never
 *       published and shows in the list of snapshots for what it is (retention deletes it like any other);</li>
 *   <li>the status of the snapshot the pointer names gets the publication the pointer records, if a kill came
 *       between moving the pointer and writing the status; and a status that claims a publication the pointer
 *       never recorded (on a port that never had a pointer, or later than the publication the pointer records:
 *       written by a publication killed before its pointer moved, in the order in which earlier engines wrote
 *       them) loses it.</li>
 * </ul>
 * A step that fails (a full disk, a file the engine cannot read) is left for the next recovery: what the
 * engine answers about snapshots is derived from the pointer first, so it stays true meanwhile, and a
 * snapshot that was never checked cannot be published.
 */
final class WarehouseRecovery {
    private final Warehouse warehouse;

    WarehouseRecovery(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Recovers the ports of every product that no run holds; the others are recovered by their next build. */
    void recoverUnheld() {
        List<String> productIds;
        try {
            productIds = warehouse.productIds();
        } catch (RuntimeException leftForTheNextRecovery) {
            return;
        }
        productIds.forEach(productId -> attempt(() -> recoverUnheld(productId)));
    }

    @SuppressWarnings("try") // the lock is held for the block, not used in it
    private void recoverUnheld(String productId) {
        Optional<Warehouse.ProductLock> lock = warehouse.tryLockProduct(productId);
        if (lock.isPresent()) {
            try (Warehouse.ProductLock held = lock.get()) {
                warehouse.portRefs(productId).forEach(this::recover);
            }
        }
    }

    /** Recovers one port; the lock of its product is held. */
    void recover(PortRef port) {
        attempt(() -> warehouse.partials(port).forEach(Warehouse::deleteQuietly));
        attempt(() -> warehouse.clearTemporaryFiles(port));
        Optional<PublishedPointer> pointer;
        List<SnapshotId> ids;
        try {
            pointer = warehouse.pointer(port);
            ids = warehouse.snapshotIds(port);
        } catch (RuntimeException leftForTheNextRecovery) {
            return;
        }
        for (SnapshotId id : ids) {
            attempt(() -> recover(port, id, pointer));
        }
    }

    private void recover(PortRef port, SnapshotId id, Optional<PublishedPointer> pointer) {
        SnapshotStatus status = warehouse.status(port, id);
        if (pointer.isPresent() && pointer.get().snapshot().equals(id.value())) {
            if (status.publishedAt() == null || status.publishedAt().isBefore(pointer.get().publishedAt())) {
                warehouse.writeStatus(port, id, status.published(pointer.get().publishedAt()));
            }
            return;
        }
        if (status.publishedAt() != null
                && (pointer.isEmpty() || status.publishedAt().isAfter(pointer.get().publishedAt()))) {
            status = status.published(null);
            warehouse.writeStatus(port, id, status);
        }
        if (status.checkOutcome() == null && !status.quarantined()) {
            String runId = warehouse.manifest(port, id).map(SnapshotManifest::runId).orElse("unknown");
            warehouse.writeStatus(port, id, status.abandoned("abandoned: build run " + runId + " stopped after writing"
                    + " this candidate and before its contract check was recorded (its process was killed, or the check"
                    + " failed); it is never published"));
        }
    }

    /**
     * Quarantines a sealed candidate as abandoned, saying {@code why}, unless its check was recorded or it is
     * quarantined already: for a build that failed after sealing it (the product's lock is held). A failure to write
     * is left for the next recovery, which finds the candidate unchecked.
     */
    void abandonIfUnchecked(PortRef port, SnapshotId id, String why) {
        attempt(() -> {
            SnapshotStatus status = warehouse.status(port, id);
            if (status.checkOutcome() == null && !status.quarantined()) {
                warehouse.writeStatus(port, id, status.abandoned(why));
            }
        });
    }

    private static void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException leftForTheNextRecovery) {
            // see the class comment: nothing read depends on this step having been done
        }
    }
}
