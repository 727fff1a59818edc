package io.polder.spi.check;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.DataContract;
import io.polder.spi.PortRef;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.SnapshotId;

/**
 * Run {@code contract} against a snapshot of {@code port}: {@code polder test}.
 *
 * @param runId an id for the run (the registry's), or null to have one made
 * @param snapshot the snapshot to check, or null for the published one
 * @param retention the port's retention policy, which the contract's retention SLA is checked against
 */
public record CheckRequest(String runId, PortRef port, DataContract contract, SnapshotId snapshot,
                           RetentionPolicy retention) {
    public CheckRequest {
        requireNonNull(port, "port is null");
        requireNonNull(contract, "contract is null");
        retention = retention == null ? RetentionPolicy.none() : retention;
    }

    /** Check the published snapshot of {@code port}. */
    public static CheckRequest published(PortRef port, DataContract contract) {
        return new CheckRequest(null, port, contract, null, RetentionPolicy.none());
    }
}
