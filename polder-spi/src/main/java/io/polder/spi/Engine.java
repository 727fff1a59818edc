package io.polder.spi;

import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import java.util.List;
import java.util.Optional;

/**
 * Builds, checks, stores and publishes the data of products' output ports. Engine-neutral: the embedded
 * engine keeps Parquet snapshots in the data directory; a scale-out engine keeps Iceberg snapshots. In both,
 * a build writes a candidate, the contract is checked on the candidate, and publishing moves a pointer
 * that consumers read, so a failed build or check never replaces the last good data.
 *
 * <p>Implementations are thread-safe: builds of different products may run at once; a second build of a
 * product that is being built fails with {@link io.polder.spi.exceptions.ConcurrentBuildException}. A contract run
 * ({@link #check}) of a product that is being built or published waits for that to end and then tests what it left
 * published; a build or publication that meets a contract run of the product may wait for it rather than fail.
 */
public interface Engine extends AutoCloseable {
    /** The name of the engine's factory. */
    String name();

    /**
     * Creates, idempotently, the storage of each output port of the product (at its major version).
     *
     * @return the ports provisioned
     * @throws io.polder.spi.exceptions.BuildDefinitionException when a port's contract is missing or unusable
     */
    List<PortRef> provision(ProductDefinition product);

    /**
     * Write-audit-publish: provisions the ports, runs the build SQL over the published snapshots of the
     * input ports and the declared sources, writes one candidate snapshot per output port, checks each
     * against its contract, and publishes those whose checks have no error-level failure (unless the
     * request says not to publish). A candidate that fails is quarantined with samples of its failed rows.
     * Failures are reported in the result, not thrown, so that the run and its lineage are always recorded.
     * Emits the run's lineage to the context's listener: START, then COMPLETE or FAIL; when the request says not to
     * publish, START only, and the final event is returned prepared for the caller to emit once it has published
     * (see {@link BuildResult}).
     *
     * @throws io.polder.spi.exceptions.ConcurrentBuildException when the product is being built already
     */
    BuildResult build(BuildRequest request, ProgressListener progress);

    /**
     * Runs a contract against a snapshot (by default the published one): {@code polder test}. When the product is
     * being built or published, waits for that to end (saying so through {@code progress}) and then tests the
     * snapshot published by then.
     *
     * @throws io.polder.spi.exceptions.NoPublishedSnapshotException when no snapshot is named and none is published
     * @throws io.polder.spi.exceptions.SnapshotNotFoundException when the named snapshot does not exist
     */
    CheckRun check(CheckRequest request, ProgressListener progress);

    /**
     * Makes {@code snapshot} the port's published data: a passing candidate kept by a build that did not
     * publish, or an earlier published snapshot (a rollback). Atomic: readers see the old snapshot or the new.
     *
     * @throws io.polder.spi.exceptions.PublishRejectedException when the snapshot is quarantined or was never checked
     * @throws io.polder.spi.exceptions.SnapshotNotFoundException when there is no such snapshot
     */
    SnapshotInfo publish(PortRef port, SnapshotId snapshot);

    /** The port's snapshots, newest first; empty for a port never built. */
    List<SnapshotInfo> snapshots(PortRef port);

    /**
     * The last contract run of a snapshot, with its failed-row samples: for a quarantined candidate, why it
     * was not published.
     *
     * @throws io.polder.spi.exceptions.SnapshotNotFoundException when there is no such snapshot
     */
    Optional<CheckRun> checks(PortRef port, SnapshotId snapshot);

    /** The port's published snapshot, if any. */
    Optional<SnapshotInfo> published(PortRef port);

    /**
     * Deletes the snapshots {@code policy} does not keep. The published snapshot is always kept, and so
     * is any snapshot a running build is writing.
     */
    RetentionResult applyRetention(PortRef port, RetentionPolicy policy);

    /**
     * A table of the port's published snapshot, for the query gateway.
     *
     * @throws io.polder.spi.exceptions.NoPublishedSnapshotException when the port has published nothing
     * @throws io.polder.spi.exceptions.SnapshotNotFoundException when the published snapshot has no such table
     */
    PublishedRelation describe(PortRef port, String table);

    /** Releases the engine's resources; running builds are interrupted. */
    @Override
    void close();
}
