package io.polder.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.polder.engine.duckdb.check.CheckContext;
import io.polder.engine.duckdb.check.ColumnStatistics;
import io.polder.engine.duckdb.check.ContractChecker;
import io.polder.engine.duckdb.check.TypeResolver;
import io.polder.model.odcs.DataContract;
import io.polder.spi.Engine;
import io.polder.spi.EngineContext;
import io.polder.spi.PortRef;
import io.polder.spi.Progress;
import io.polder.spi.ProgressListener;
import io.polder.spi.PublishedRelation;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.RetentionResult;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.SnapshotState;
import io.polder.spi.Stage;
import io.polder.spi.TableInfo;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.CheckRunOutcome;
import io.polder.spi.exceptions.NoPublishedSnapshotException;
import io.polder.spi.exceptions.PublishRejectedException;
import io.polder.spi.exceptions.SnapshotNotFoundException;
import io.polder.spi.lineage.LineageEvents;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded engine: Parquet snapshots in {@code DATA/warehouse} (see {@link Warehouse}), built and checked
 * by DuckDB sessions that are locked down (see {@link DuckDbSession}), published by moving a pointer file.
 */
public final class DuckDbEngine implements Engine {
    static final String PRODUCER = "https://github.com/polder/polder/tree/main/polder-engine-duckdb";

    private final DuckDbSettings settings;
    private final EngineContext context;
    private final Warehouse warehouse;
    private final WarehouseRecovery recovery;
    private final QueryGuard guard;
    private final SessionOpener sessions;
    private final LineageEvents lineageEvents;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastSnapshotMillis = new AtomicLong();
    private final Map<String, String> typeNames = new ConcurrentHashMap<>();

    DuckDbEngine(DuckDbSettings settings, EngineContext context) {
        this.settings = requireNonNull(settings, "settings is null");
        this.context = requireNonNull(context, "context is null");
        this.warehouse = new Warehouse(settings.dataDirectory().resolve("warehouse"));
        this.recovery = new WarehouseRecovery(warehouse);
        this.guard = new QueryGuard(settings.statementTimeout());
        this.sessions = new SessionOpener(settings, guard, settings.openSessionsAhead());
        this.lineageEvents = new LineageEvents(PRODUCER, context.clock());
        // what DuckDB spilled for builds and checks that died with their process
        TemporaryDirectories.clearAbandoned(settings.dataDirectory().resolve("tmp"));
        // and what they left in the warehouse, for the products no running build holds
        recovery.recoverUnheld();
    }

    @Override
    public String name() {
        return DuckDbEngineFactory.NAME;
    }

    @Override
    public List<PortRef> provision(ProductDefinition product) {
        List<OutputPortDefinition> ports = product.outputPorts();
        provisionPorts(ports);
        return ports.stream().map(OutputPortDefinition::ref).toList();
    }

    void provisionPorts(List<OutputPortDefinition> ports) {
        ports.forEach(port -> warehouse.provision(port.ref()));
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public BuildResult build(BuildRequest request, ProgressListener progress) {
        requireNonNull(request, "request is null");
        String runId = request.runId() != null ? request.runId() : UUID.randomUUID().toString();
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        try (Warehouse.ProductLock ignored = warehouse.lock(request.product().id(), () -> report(listener, new Progress(
                runId, Stage.WAITING, Stage.WAITING_FOR_TEST, -1, null, "waiting for the contract run of product "
                + request.product().id() + " that is running to end")))) {
            request.product().outputPorts().forEach(port -> recovery.recover(port.ref()));
            return new BuildRun(this, request, runId, listener).run();
        }
    }

    /**
     * Runs the contract with the product's lock held, as a build and a publication hold it: the snapshot cannot be
     * deleted by retention while it is read, and its status is never written over by (or over) a publication's.
     * A check that finds the product held waits for the run that holds it (reporting that it waits), then checks
     * what is published when that run has ended; a build, publication or retention of this process that finds a
     * check running waits for it in turn (see {@link Warehouse#lock(String, Runnable)}).
     */
    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public CheckRun check(CheckRequest request, ProgressListener progress) {
        requireNonNull(request, "request is null");
        PortRef port = request.port();
        String runId = request.runId() != null ? request.runId() : UUID.randomUUID().toString();
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        try (Warehouse.ProductLock ignored = warehouse.lockForContractRun(port.productId(), holder -> report(listener,
                new Progress(runId, Stage.WAITING, holder == Warehouse.Holder.CONTRACT_RUN ? Stage.WAITING_FOR_TEST
                        : Stage.WAITING_FOR_BUILD, -1, request.snapshot(), "waiting for the " + (holder
                        == Warehouse.Holder.CONTRACT_RUN ? "contract run" : "build, publication or retention")
                        + " of product " + port.productId() + " that holds it to end")))) {
            recovery.recover(port);
            SnapshotId snapshot = request.snapshot() != null ? request.snapshot() : warehouse.pointer(port)
                    .map(pointer -> SnapshotId.parse(pointer.snapshot())).orElseThrow(() ->
                            new NoPublishedSnapshotException(port + " has published nothing yet; build its product first"));
            return checkSnapshot(port, snapshot, request.contract(), request.retention(), runId, listener, false);
        }
    }

    /** Checks a build's candidate; a blocking failure quarantines it. */
    CheckRun checkCandidate(PortRef port, SnapshotId id, DataContract contract, RetentionPolicy retention, String runId,
                            ProgressListener progress) {
        return checkSnapshot(port, id, contract, retention, runId, progress, true);
    }

    private CheckRun checkSnapshot(PortRef port, SnapshotId id, DataContract contract, RetentionPolicy retention,
                                   String runId, ProgressListener progress, boolean candidate) {
        SnapshotManifest manifest = manifest(port, id);
        Path directory = warehouse.snapshotDirectory(port, id);
        CheckRun run;
        DuckDbSession session = openSession();
        try {
            report(progress, runId, id, "opened a DuckDB session");
            Map<String, Path> files = new LinkedHashMap<>();
            Map<String, Map<String, Long>> nullCounts = new HashMap<>();
            for (TableInfo table : manifest.tables()) {
                Path file = Warehouse.tableFile(directory, table.name());
                session.execute("CREATE VIEW main." + Sql.identifier(table.name()) + " AS SELECT * FROM read_parquet("
                        + Sql.literal(file) + ")", "opening table " + table.name() + " of snapshot " + id);
                files.put(table.name(), file);
            }
            session.lockDown(files.values(), List.of());
            report(progress, runId, id, "locked the session down to the snapshot's " + files.size() + " files");
            if (settings.parquetStatistics() && !files.isEmpty()) {
                nullCounts.putAll(ParquetFooters.nullCounts(session, files));
                report(progress, runId, id, "read the Parquet footers");
            }
            CheckContext checkContext = new CheckContext(runId, id, context.clock().instant(), retention,
                    settings.failedRowSamples(), progress);
            run = new ContractChecker(session, checkContext, TypeResolver.using(types(session)),
                    ColumnStatistics.of(nullCounts)).run(port, contract);
            report(progress, runId, id, "checked " + run.results().size() + " rules");
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        CheckRun checked = run;
        sessions.closeWhile(session, () -> record(port, id, checked, candidate));
        report(progress, runId, id, "closed the session and recorded the results and the snapshot's status");
        return run;
    }

    private void record(PortRef port, SnapshotId id, CheckRun run, boolean candidate) {
        warehouse.writeChecks(port, id, run);
        SnapshotStatus status = warehouse.status(port, id);
        boolean quarantine = candidate && run.blocksPublishing();
        warehouse.writeStatus(port, id, status.checked(run.outcome(), run.startedAt(), quarantine, quarantine
                ? "failed its contract: " + run.results().stream().filter(result -> result.blocksPublishing())
                .map(result -> result.ruleId()).toList() : null));
    }

    /** A step of a contract run, for a progress display (and the engine benchmark's stage timings). */
    private static void report(ProgressListener progress, String runId, SnapshotId snapshot, String message) {
        report(progress, new Progress(runId, Stage.CHECK, null, -1, snapshot, message));
    }

    private static void report(ProgressListener listener, Progress progress) {
        try {
            listener.progress(progress);
        } catch (RuntimeException ignored) {
            // a progress display must not fail a run
        }
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public SnapshotInfo publish(PortRef port, SnapshotId snapshot) {
        try (Warehouse.ProductLock ignored = warehouse.lock(port.productId())) {
            recovery.recover(port);
            SnapshotInfo info = info(port, snapshot);
            if (info.state() == SnapshotState.PUBLISHED) {
                return info;
            }
            if (info.state() == SnapshotState.QUARANTINED) {
                throw new PublishRejectedException("snapshot " + snapshot + " of " + port + " is quarantined ("
                        + info.note() + "); it can never be published");
            }
            if (info.checkOutcome() == null || info.checkOutcome() == CheckRunOutcome.FAILED) {
                throw new PublishRejectedException("snapshot " + snapshot + " of " + port + (info.checkOutcome() == null
                        ? " was never checked against its contract" : " failed its last contract run")
                        + "; only a snapshot that passed may be published");
            }
            movePointer(port, snapshot, info.runId());
            return info(port, snapshot);
        }
    }

    /**
     * Moves the published pointer (the product's lock is held), then records the publication in the snapshot's
     * status: in this order a kill in between cannot leave a status saying that a snapshot was published when
     * it was not (see {@link WarehouseRecovery}).
     */
    void movePointer(PortRef port, SnapshotId snapshot, String runId) {
        Instant now = context.clock().instant();
        String previous = warehouse.pointer(port).map(PublishedPointer::snapshot).orElse(null);
        warehouse.movePointer(port, new PublishedPointer(snapshot.value(), now, previous, runId));
        warehouse.writeStatus(port, snapshot, warehouse.status(port, snapshot).published(now));
    }

    @Override
    public List<SnapshotInfo> snapshots(PortRef port) {
        Optional<PublishedPointer> published = warehouse.pointer(port);
        List<SnapshotInfo> infos = new ArrayList<>();
        for (SnapshotId id : warehouse.snapshotIds(port)) {
            warehouse.manifest(port, id).ifPresent(manifest -> infos.add(info(port, id, manifest, published)));
        }
        return infos;
    }

    @Override
    public Optional<SnapshotInfo> published(PortRef port) {
        return warehouse.pointer(port).map(pointer -> info(port, SnapshotId.parse(pointer.snapshot())));
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public RetentionResult applyRetention(PortRef port, RetentionPolicy policy) {
        try (Warehouse.ProductLock ignored = warehouse.lock(port.productId())) {
            recovery.recover(port);
            return retain(port, policy);
        }
    }

    /** Applies retention (the product's lock is held). */
    RetentionResult retain(PortRef port, RetentionPolicy policy) {
        Optional<String> published = warehouse.pointer(port).map(PublishedPointer::snapshot);
        List<SnapshotId> ids = warehouse.snapshotIds(port);
        boolean hasPublished = published.isPresent() && ids.stream().anyMatch(id -> id.value().equals(published.get()));
        // the published snapshot takes one of the keepLast places, wherever it is in time
        int places = policy.keepLast() == null ? Integer.MAX_VALUE : policy.keepLast() - (hasPublished ? 1 : 0);
        Instant now = context.clock().instant();
        List<SnapshotId> kept = new ArrayList<>();
        List<SnapshotId> deleted = new ArrayList<>();
        int others = 0;
        for (SnapshotId id : ids) {
            if (published.filter(id.value()::equals).isPresent()) {
                kept.add(id);
                continue;
            }
            Instant created = warehouse.manifest(port, id).map(SnapshotManifest::createdAt).orElse(now);
            boolean young = policy.maxAge() == null || Duration.between(created, now).compareTo(policy.maxAge()) <= 0;
            if (young && others < places) {
                kept.add(id);
                others++;
            } else {
                warehouse.delete(port, id);
                deleted.add(id);
            }
        }
        return new RetentionResult(port, deleted, kept);
    }

    @Override
    public PublishedRelation describe(PortRef port, String table) {
        SnapshotInfo published = published(port).orElseThrow(() -> new NoPublishedSnapshotException(port
                + " has published nothing yet"));
        TableInfo info = published.table(table).orElseThrow(() -> new SnapshotNotFoundException("the published snapshot "
                + published.id() + " of " + port + " has no table " + table + "; it has "
                + String.join(", ", published.tables().stream().map(TableInfo::name).toList())));
        Path file = Warehouse.tableFile(warehouse.snapshotDirectory(port, published.id()), table);
        return new PublishedRelation(port, published.id(), table, file.toString(), info.columns(), info.rows());
    }

    @Override
    public void close() {
        guard.close();
        sessions.close();
    }

    private SnapshotInfo info(PortRef port, SnapshotId id) {
        return info(port, id, manifest(port, id), warehouse.pointer(port));
    }

    private SnapshotManifest manifest(PortRef port, SnapshotId id) {
        return warehouse.manifest(port, id).orElseThrow(() -> new SnapshotNotFoundException("no snapshot " + id + " of "
                + port));
    }

    /** The pointer says which snapshot is published and since when, whatever a status written after it says. */
    private SnapshotInfo info(PortRef port, SnapshotId id, SnapshotManifest manifest, Optional<PublishedPointer> pointer) {
        SnapshotStatus status = warehouse.status(port, id);
        Optional<PublishedPointer> published = pointer.filter(found -> found.snapshot().equals(id.value()));
        SnapshotState state = published.isPresent() ? SnapshotState.PUBLISHED
                : status.quarantined() ? SnapshotState.QUARANTINED
                : status.publishedAt() != null ? SnapshotState.SUPERSEDED : SnapshotState.CANDIDATE;
        Instant publishedAt = published.map(PublishedPointer::publishedAt).orElse(status.publishedAt());
        return new SnapshotInfo(port, id, state, manifest.createdAt(), manifest.runId(), manifest.contractVersion(),
                status.checkOutcome(), publishedAt, manifest.tables(), status.note());
    }

    @Override
    public Optional<CheckRun> checks(PortRef port, SnapshotId snapshot) {
        manifest(port, snapshot);
        return warehouse.checks(port, snapshot);
    }

    /** A session that no run has used (see {@link SessionOpener}); the run locks it down to its files. */
    DuckDbSession openSession() {
        return sessions.open();
    }

    /** Closes {@code session} while {@code work} runs (see {@link SessionOpener#closeWhile}). */
    void closeWhile(DuckDbSession session, Runnable work) {
        sessions.closeWhile(session, work);
    }

    /** Resolves type names in {@code session}, with the types that this engine's sessions found kept. */
    DuckDbTypes types(DuckDbSession session) {
        return new DuckDbTypes(session, typeNames);
    }

    /** Ids sort by time; within one engine they are strictly increasing even when the clock stands still. */
    SnapshotId nextSnapshotId() {
        long now = context.clock().millis();
        long millis = lastSnapshotMillis.updateAndGet(last -> Math.max(now, last + 1));
        return SnapshotId.at(Instant.ofEpochMilli(millis), random);
    }

    DuckDbSettings settings() {
        return settings;
    }

    EngineContext context() {
        return context;
    }

    Clock clock() {
        return context.clock();
    }

    Warehouse warehouse() {
        return warehouse;
    }

    WarehouseRecovery recovery() {
        return recovery;
    }

    LineageEvents lineageEvents() {
        return lineageEvents;
    }
}
