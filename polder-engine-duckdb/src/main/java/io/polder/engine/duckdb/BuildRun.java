package io.polder.engine.duckdb;

import io.polder.engine.duckdb.check.TypeResolver;
import io.polder.error.ErrorCode;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odps.InputPort;
import io.polder.spi.ColumnInfo;
import io.polder.spi.PortRef;
import io.polder.spi.Progress;
import io.polder.spi.ProgressListener;
import io.polder.spi.SnapshotId;
import io.polder.spi.Stage;
import io.polder.spi.TableInfo;
import io.polder.spi.build.BuildOutcome;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.InputBinding;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.build.RunFailure;
import io.polder.spi.check.CheckRun;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.exceptions.EngineException;
import io.polder.spi.exceptions.InputNotPublishedException;
import io.polder.spi.lineage.RunEvent;
import io.polder.spi.settings.FileSource;
import io.polder.spi.settings.SourceDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One build of one product, write-audit-publish: resolve the inputs' published snapshots and the sources;
 * run the build SQL in a locked-down session; write each output port's candidate into a partial folder and
 * seal it; check each candidate against its contract; publish the ones that pass and quarantine the others.
 * The published pointer of a port moves only after its candidate passed, so whatever fails, or kills the
 * process, the last good snapshot stays published. Runs with the product's lock held.
 */
final class BuildRun {
    private final DuckDbEngine engine;
    private final BuildRequest request;
    private final String runId;
    private final ProgressListener progress;
    private final BuildLineage lineage;
    private final Instant startedAt;
    private final List<String> warnings = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final Map<PortRef, PortBuild> portResults = new LinkedHashMap<>();
    private final Map<PortRef, List<TableInfo>> written = new LinkedHashMap<>();
    private final Map<PortRef, SnapshotId> candidates = new LinkedHashMap<>();
    private final List<ResolvedInput> inputs = new ArrayList<>();
    private final List<ResolvedSource> sources = new ArrayList<>();
    private final Map<String, List<ColumnInfo>> sourceColumns = new HashMap<>();
    private List<OutputPortDefinition> ports = List.of();
    private Stage stage = Stage.PROVISION;
    private boolean started;

    BuildRun(DuckDbEngine engine, BuildRequest request, String runId, ProgressListener progress) {
        this.engine = engine;
        this.request = request;
        this.runId = runId;
        this.progress = progress;
        this.lineage = new BuildLineage(engine.lineageEvents(), engine.settings().lineageNamespace());
        this.startedAt = engine.clock().instant();
    }

    BuildResult run() {
        RunFailure failure = null;
        try {
            ports = request.product().outputPorts();
            // said first: a build that waited for a contract run shows it has stopped waiting
            progress(Stage.PROVISION, request.product().id(), -1, null, "provisioning the output ports of "
                    + request.product().id());
            engine.provisionPorts(ports);
            stage = Stage.RESOLVE_INPUTS;
            resolveInputs();
            stage = Stage.LOAD_SOURCES;
            resolveSources();
            emitStart();
            write();
            stage = Stage.CHECK;
            for (OutputPortDefinition port : ports) {
                audit(port, candidates.get(port.ref()));
            }
        } catch (EngineException e) {
            failure = RunFailure.of(e, stage);
        } catch (RuntimeException e) {
            // not a failure the engine foresaw: still a recorded run, with lineage, rather than a lost one
            failure = new RunFailure(ErrorCode.INTERNAL, stage, "the build failed unexpectedly: " + e);
        }
        if (failure != null) {
            abandonUnchecked(failure);
            ports.forEach(port -> portResults.putIfAbsent(port.ref(), failedPort(port.ref())));
        }
        return finish(failure);
    }

    private void resolveInputs() {
        Set<String> declared = request.product().product().inputPortList().stream().map(InputPort::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> bound = new LinkedHashSet<>();
        for (InputBinding binding : request.inputs()) {
            if (!declared.contains(binding.inputPort())) {
                throw new BuildDefinitionException("the build binds input port `" + binding.inputPort() + "`, which product "
                        + request.product().id() + " does not declare; its input ports: " + String.join(", ", declared));
            }
            bound.add(binding.inputPort());
            inputs.add(resolve(binding));
        }
        declared.removeAll(bound);
        if (!declared.isEmpty()) {
            throw new BuildDefinitionException("input port" + (declared.size() > 1 ? "s " : " ") + String.join(", ", declared)
                    + " of product " + request.product().id() + " " + (declared.size() > 1 ? "are" : "is")
                    + " not bound to an output port; bind every input port (see MeshBuildPlan)");
        }
    }

    private ResolvedInput resolve(InputBinding binding) {
        PortRef upstream = binding.upstream();
        if (upstream.productId().equals(request.product().id())) {
            throw new BuildDefinitionException("input port `" + binding.inputPort() + "` reads " + upstream
                    + ", an output port of the product itself; input ports read other products");
        }
        PublishedPointer pointer = engine.warehouse().pointer(upstream).orElseThrow(() -> new InputNotPublishedException(
                "input port `" + binding.inputPort() + "` reads " + upstream + ", which has published nothing yet;"
                        + " build " + upstream.productId() + " first"));
        SnapshotId snapshot = SnapshotId.parse(pointer.snapshot());
        SnapshotManifest manifest = engine.warehouse().manifest(upstream, snapshot).orElseThrow(() ->
                new InputNotPublishedException("input port `" + binding.inputPort() + "`: the published snapshot "
                        + snapshot + " of " + upstream + " is missing from the warehouse"));
        Map<String, Path> tables = new LinkedHashMap<>();
        Path directory = engine.warehouse().snapshotDirectory(upstream, snapshot);
        manifest.tables().forEach(table -> tables.put(table.name(), Warehouse.tableFile(directory, table.name())));
        progress(Stage.RESOLVE_INPUTS, binding.inputPort(), -1, null, "input port " + binding.inputPort() + " reads "
                + upstream + " snapshot " + snapshot);
        return new ResolvedInput(binding, snapshot, manifest, tables);
    }

    private void resolveSources() {
        for (SourceDefinition source : request.product().settings().sources()) {
            List<Path> files = source instanceof FileSource file
                    ? SourceFiles.resolve(file, engine.settings().sourceDirectory()) : List.of();
            sources.add(new ResolvedSource(source, files));
        }
    }

    private void emitStart() {
        if (started) {
            return;
        }
        started = true;
        List<RunEvent.Dataset> in = new ArrayList<>();
        inputs.forEach(input -> in.addAll(lineage.input(input)));
        sources.forEach(source -> in.add(lineage.source(source, sourceColumns.get(source.name()))));
        List<RunEvent.Dataset> out = new ArrayList<>();
        ports.forEach(port -> out.addAll(lineage.declared(port)));
        emit(engine.lineageEvents().start(runId, request.product().id(), sql(), in, out));
    }

    /** Runs the build SQL and writes a sealed candidate per port. */
    private void write() {
        Map<PortRef, Path> partials = new LinkedHashMap<>();
        for (OutputPortDefinition port : ports) {
            SnapshotId id = engine.nextSnapshotId();
            candidates.put(port.ref(), id);
            partials.put(port.ref(), engine.warehouse().createPartial(port.ref(), id));
        }
        Map<PortRef, List<TableInfo>> tables = new LinkedHashMap<>();
        DuckDbSession session = engine.openSession();
        try {
            BuildSession build = new BuildSession(session, engine, runId, progress);
            List<Path> readable = build.attach(inputs, sources, sourceColumns);
            // from here on a failure is the build SQL's, not a source's
            stage = Stage.WRITE;
            List<BuildPlanner.Relation> relations = build.plan(request.product().buildFiles(), ports, readable,
                    partials.values());
            build.createRelations(relations);
            TypeResolver types = TypeResolver.using(engine.types(session));
            for (OutputPortDefinition port : ports) {
                tables.put(port.ref(), writePort(port, candidates.get(port.ref()), partials.get(port.ref()),
                        new SnapshotWriter(session, types, port.ref()), relations));
            }
        } catch (RuntimeException | Error e) {
            session.close();
            partials.values().forEach(Warehouse::deleteQuietly);
            throw e;
        }
        try {
            // the session closes while the candidates are sealed (each manifest written, synced, then the folder renamed)
            engine.closeWhile(session, () -> ports.forEach(port -> seal(port, candidates.get(port.ref()),
                    tables.get(port.ref()))));
        } catch (RuntimeException e) {
            partials.values().forEach(Warehouse::deleteQuietly);
            throw e;
        }
    }

    private List<TableInfo> writePort(OutputPortDefinition port, SnapshotId id, Path partial, SnapshotWriter writer,
                                      List<BuildPlanner.Relation> relations) {
        Map<String, String> whereByName = relations.stream()
                .collect(Collectors.toMap(BuildPlanner.Relation::name, BuildPlanner.Relation::where, (a, b) -> a));
        List<TableInfo> tables = new ArrayList<>();
        for (SchemaObject object : port.tables()) {
            String table = OutputPortDefinition.tableName(object);
            progress(Stage.WRITE, table, -1, id, "writing " + port.ref() + " table " + table);
            TableInfo info = writer.write(object, table, Warehouse.tableFile(partial, table), whereByName.get(table), warnings);
            tables.add(info);
            progress(Stage.WRITE, table, info.rows(), id, "wrote " + info.rows() + " rows of " + table);
        }
        return tables;
    }

    private void seal(OutputPortDefinition port, SnapshotId id, List<TableInfo> tables) {
        engine.warehouse().complete(port.ref(), id, new SnapshotManifest(id.value(), port.ref().toString(), runId,
                engine.clock().instant(), port.contract().id(), port.contract().version(), tables));
        written.put(port.ref(), tables);
    }

    /** Checks a sealed candidate, then publishes or quarantines it. */
    private void audit(OutputPortDefinition port, SnapshotId id) {
        CheckRun checks = engine.checkCandidate(port.ref(), id, port.contract(),
                request.product().settings().retention(), runId, progress);
        List<TableInfo> tables = written.get(port.ref());
        if (checks.blocksPublishing()) {
            portResults.put(port.ref(), new PortBuild(port.ref(), PortOutcome.QUARANTINED, id, tables, checks,
                    publishedSnapshot(port.ref())));
            return;
        }
        if (!request.publish()) {
            portResults.put(port.ref(), new PortBuild(port.ref(), PortOutcome.CANDIDATE, id, tables, checks,
                    publishedSnapshot(port.ref())));
            return;
        }
        stage = Stage.PUBLISH;
        engine.movePointer(port.ref(), id, runId);
        progress(Stage.PUBLISH, port.ref().toString(), -1, id, "published " + port.ref() + " snapshot " + id);
        if (!request.product().settings().retention().keepsEverything()) {
            stage = Stage.RETENTION;
            engine.retain(port.ref(), request.product().settings().retention());
        }
        portResults.put(port.ref(), new PortBuild(port.ref(), PortOutcome.PUBLISHED, id, tables, checks, id));
        stage = Stage.CHECK;
    }

    private SnapshotId publishedSnapshot(PortRef port) {
        return engine.warehouse().pointer(port).map(pointer -> SnapshotId.parse(pointer.snapshot())).orElse(null);
    }

    /**
     * Quarantines, as abandoned, each candidate this build sealed whose contract check was never recorded: its check
     * threw (an engine error, not a failed rule), or an earlier port's did before it was checked. So it shows for what
     * it is at once and can never be published; {@link WarehouseRecovery} does the same for a build that was killed.
     */
    private void abandonUnchecked(RunFailure failure) {
        written.keySet().stream().filter(port -> !portResults.containsKey(port)).forEach(port ->
                engine.recovery().abandonIfUnchecked(port, candidates.get(port), "abandoned: build run " + runId
                        + " failed before the contract check of this candidate was recorded (" + failureMessage(failure)
                        + "); it is never published"));
    }

    /** A port the build failed for; with its candidate when one was sealed (quarantined as abandoned by then). */
    private PortBuild failedPort(PortRef port) {
        return new PortBuild(port, PortOutcome.FAILED, written.containsKey(port) ? candidates.get(port) : null,
                written.getOrDefault(port, List.of()), null, safePublished(port));
    }

    private SnapshotId safePublished(PortRef port) {
        try {
            return publishedSnapshot(port);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private BuildResult finish(RunFailure failure) {
        emitStart();
        boolean succeeded = failure == null && portResults.values().stream()
                .allMatch(port -> port.outcome() == PortOutcome.PUBLISHED || port.outcome() == PortOutcome.CANDIDATE);
        List<RunEvent.Dataset> in = new ArrayList<>();
        inputs.forEach(input -> in.addAll(lineage.input(input)));
        sources.forEach(source -> in.add(lineage.source(source, sourceColumns.get(source.name()))));
        List<RunEvent.Dataset> out = new ArrayList<>();
        written.forEach((port, tables) -> out.addAll(lineage.written(port, portResults.get(port) == null
                || portResults.get(port).snapshot() == null ? null : portResults.get(port).snapshot().value(), tables)));
        RunEvent last = succeeded ? engine.lineageEvents().complete(runId, request.product().id(), sql(), in, out)
                : engine.lineageEvents().fail(runId, request.product().id(), sql(), failureMessage(failure), in, out);
        // a build that does not publish cannot tell how its run ends: its caller emits the final event once it has
        RunEvent pending = null;
        if (request.publish()) {
            emit(last);
        } else {
            pending = last;
        }
        return new BuildResult(runId, request.product().id(), succeeded ? BuildOutcome.SUCCEEDED : BuildOutcome.FAILED,
                startedAt, engine.clock().instant(), List.copyOf(portResults.values()), failure, events, warnings,
                pending);
    }

    private String failureMessage(RunFailure failure) {
        if (failure != null) {
            return failure.stage().value() + ": " + failure.message();
        }
        return portResults.values().stream().filter(port -> port.outcome() == PortOutcome.QUARANTINED)
                .map(port -> port.port() + " failed its contract (" + port.checks().results().stream()
                        .filter(io.polder.spi.check.CheckResult::blocksPublishing)
                        .map(io.polder.spi.check.CheckResult::ruleId).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
    }

    private String sql() {
        return BuildLineage.sql(request.product().buildFiles());
    }

    private void emit(RunEvent event) {
        events.add(event);
        try {
            engine.context().lineage().emit(event);
        } catch (RuntimeException e) {
            warnings.add("lineage: " + e.getMessage());
        }
    }

    private void progress(Stage at, String subject, long rows, SnapshotId snapshot, String message) {
        try {
            progress.progress(new Progress(runId, at, subject, rows, snapshot, message));
        } catch (RuntimeException ignored) {
            // a progress display must not fail a build
        }
    }
}
