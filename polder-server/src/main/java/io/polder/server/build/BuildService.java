package io.polder.server.build;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.BuildDefinitions;
import io.polder.registry.runs.BuildTarget;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunDetail;
import io.polder.registry.runs.RunFindings;
import io.polder.registry.runs.RunKind;
import io.polder.registry.runs.RunService;
import io.polder.registry.runs.RunTrigger;
import io.polder.spi.Engine;
import io.polder.spi.PortRef;
import io.polder.spi.Progress;
import io.polder.spi.ProgressListener;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.Stage;
import io.polder.spi.TableInfo;
import io.polder.spi.build.BuildOutcome;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.build.RunFailure;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import io.polder.spi.lineage.LineageListener;
import io.polder.spi.lineage.RunEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs builds and contract tests of products with the engine, on a pool of workers, and records them in the
 * registry: a run is created (authorised, audited, at most one build per product queued or running) and
 * answered at once; a worker composes the product's definition from the registry, runs the engine, and records
 * progress, per-port outcomes, check results and lineage. A run always ends succeeded or failed, whatever
 * happened, and a failed build never replaces what is published.
 *
 * <p>Among replicas that share the registry, another server may fail a run of this one, taking it for silent (no
 * heartbeat within its {@code silentAfter}: a long pause of this process, a network partition), and build the
 * product again. Such a run must not publish: the engine builds and checks candidates without publishing them, and
 * each passing candidate is published only after the registry granted it ({@link RunService#claimPublish}: the run
 * still running on this runner); when refused, the candidates stay unpublished, the run's failed record stands, and
 * a warning says so. The runs another server ended are also interrupted ({@link #stopRunsEndedElsewhere}, at each
 * heartbeat, and when recording progress finds the run no longer running).
 *
 * <p>As the engine does not publish, it does not end the run's lineage either: it emits START and hands the final event
 * over (see {@link BuildResult}). This service emits it to the same listener once the run's outcome is known, and
 * records it with the run: COMPLETE once every passing candidate is published, or FAIL naming why publishing failed or
 * was refused. So the OpenLineage endpoint and the registry hold the same events, START then exactly one of COMPLETE
 * or FAIL.
 */
public final class BuildService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildService.class);
    /** Progress is written at each new stage, and within a stage at most this often. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final RunService runs;
    private final BuildDefinitions definitions;
    private final Engine engine;
    private final ExecutorService workers;
    private final Clock clock;
    private final String runner;
    private final Map<String, Job> running = new ConcurrentHashMap<>();
    /** The build of each product queued or running in this server: a test of the product waits for it. */
    private final Map<String, Job> buildsByProduct = new ConcurrentHashMap<>();
    private final RunFindings policyFindings;
    private final InputAccess inputAccess;
    private final List<Consumer<String>> publishListeners = new CopyOnWriteArrayList<>();
    private final LineageListener lineage;

    /**
     * @param runner names this server process among replicas (its host and data directory): the runs it starts
     *               are recorded as its own, and {@link #failUnfinished} fails only those
     * @param inputAccess checked before a build reads anything: the product's team may read every input
     * @param policyFindings what the policies in force say of a product once a build or contract run of it has
     *                       recorded its results (its new check results included); written as the run's warnings in
     *                       the transaction that finishes it ({@link RunFindings#NONE} for none)
     * @param lineage the listener the engine was given in its context (see {@link io.polder.spi.EngineContext}): the
     *                engine emits the START of each build to it, and this service the run's final event
     */
    public BuildService(RunService runs, BuildDefinitions definitions, InputAccess inputAccess, Engine engine,
                        ExecutorService workers, Clock clock, String runner, RunFindings policyFindings,
                        LineageListener lineage) {
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.inputAccess = requireNonNull(inputAccess, "inputAccess is null");
        this.policyFindings = requireNonNull(policyFindings, "policyFindings is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    /**
     * Whether a product's owning team may read what its input ports read (the registry's grants; see
     * {@code AccessService.requireInputGrants}).
     */
    @FunctionalInterface
    public interface InputAccess {
        /** @throws PolderException FORBIDDEN, saying which input lacks a grant and what to do about it */
        void require(String productId, Instant now);
    }

    /** This server process among replicas: the runner its runs are recorded with. */
    public String runner() {
        return runner;
    }

    /** Fails the runs this process had queued or running when it last stopped; they will never finish. */
    public int failUnfinished() {
        return runs.failUnfinished(runner, "the server stopped while this run was queued or running (what is"
                + " published is still the last snapshot that passed its contract): run it again");
    }

    /** Called with a product's id after one of its builds published a new snapshot (for downstream builds). */
    public void onPublished(Consumer<String> listener) {
        publishListeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Queues a build of the product's current version; answers the queued run.
     *
     * @throws PolderException FORBIDDEN, NOT_FOUND, or CONFLICT when the product is being built already
     */
    public Run build(Principal principal, String productId, RunTrigger trigger) {
        Run run = runs.create(principal, RunKind.BUILD, productId, null, trigger, runner);
        Job job = new Job();
        running.put(run.id(), job);
        buildsByProduct.put(productId, job);
        job.future.whenComplete((ended, error) -> buildsByProduct.remove(productId, job));
        submit(run, job, () -> executeBuild(run));
        return run;
    }

    /**
     * Queues a contract run against the published data of the product's output ports (or of the one called
     * {@code portName}); answers the queued run. While a build of the product is queued or running in this server,
     * the test waits for it to end (published, retention applied, recorded) without taking a worker: it then tests
     * what that build left published, and never holds a worker blocked on the product's lock in the engine.
     */
    public Run test(Principal principal, String productId, String portName) {
        Run run = runs.create(principal, RunKind.TEST, productId, portName, RunTrigger.REQUEST, runner);
        Job job = new Job();
        running.put(run.id(), job);
        Job build = buildsByProduct.get(productId);
        if (build == null) {
            submit(run, job, () -> executeTest(run, portName));
        } else {
            // said before it may start: the build can end at once, and the run start before this is written
            recordWaiting(run.id(), waitingStage(Stage.WAITING_FOR_BUILD));
            build.future.whenComplete((ended, error) -> startDeferred(run, job, () -> executeTest(run, portName)));
        }
        return runs.get(run.id());
    }

    /**
     * Starts a run that waited for a build of its product; when the server is stopping meanwhile, the run is failed
     * in the registry (there is no caller to tell).
     */
    private void startDeferred(Run run, Job job, java.util.function.Supplier<Run> work) {
        try {
            submit(run, job, work);
        } catch (PolderException e) {
            job.future.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.error("run {} of {} could not be started after the build it waited for", run.id(), run.productId(), e);
            running.remove(run.id());
            job.future.completeExceptionally(e);
        }
    }

    /** Waits until the run has finished (or {@code timeout} passed) and answers it with its details. */
    public RunDetail await(String runId, Duration timeout) {
        Job job = running.get(runId);
        if (job != null) {
            try {
                job.future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("waiting for run {} ended: {}", runId, e.toString());
            }
        }
        return runs.detail(runId, runner);
    }

    /** The snapshots of an output port, newest first. */
    public List<SnapshotInfo> snapshots(String productId, String portName, int majorVersion) {
        return engine.snapshots(new PortRef(productId, portName, majorVersion));
    }

    /**
     * Interrupts the runs this server is working on that the registry holds as ended: another server failed them,
     * taking this one for silent. The engine cancels what it is doing and the build stops without publishing (it
     * would be refused anyway, see {@link RunService#claimPublish}); the other server's record stands.
     *
     * @return how many runs were interrupted
     */
    public int stopRunsEndedElsewhere() {
        List<String> working = running.entrySet().stream().filter(entry -> entry.getValue().working())
                .map(Map.Entry::getKey).toList();
        int stopped = 0;
        for (String runId : runs.ended(working)) {
            Job job = running.get(runId);
            if (job != null && job.stop()) {
                LOG.warn("run {} was ended by another server that took this one for silent; it is interrupted", runId);
                stopped++;
            }
        }
        return stopped;
    }

    /** Hands the run (already in {@link #running} as {@code job}) to a worker. */
    private void submit(Run run, Job job, java.util.function.Supplier<Run> work) {
        try {
            workers.execute(() -> {
                job.begin();
                try {
                    job.future.complete(work.get());
                } catch (RuntimeException e) {
                    job.future.completeExceptionally(e);
                } finally {
                    job.end();
                    running.remove(run.id());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(run.id());
            try {
                Run failed = fail(run.id(), ErrorCode.INTERNAL, "the server is stopping; the run was not started",
                        "provision");
                job.future.complete(failed);
            } catch (RuntimeException failing) {
                job.future.completeExceptionally(failing);
                throw failing;
            }
            throw new PolderException(ErrorCode.CONFLICT, "the server is stopping; no new runs are started");
        }
    }

    private Run executeBuild(Run run) {
        if (!runs.start(run.id())) {
            return endedMeanwhile(run.id());
        }
        RunLineage ending = new RunLineage(run.id());
        try {
            BuildTarget target = definitions.target(run.productId());
            inputAccess.require(run.productId(), clock.instant());
            // candidates only: each is published below, once the registry has granted it; the lineage is ended here too
            BuildResult built = engine.build(target.request(run.id()).withoutPublishing(), progress(run.id()));
            ending.built(built);
            Publication publication = publish(run, built, target.definition().settings().retention());
            Run ended = publication.granted()
                    ? finishBuild(run, ending.end(publication.result(), built.failure()), publication.published())
                    : refused(run, publication, ending);
            if (!publication.published().isEmpty()) {
                // downstream builds, also when the registry refused a later port: what was published stays so
                publishListeners.forEach(listener -> notify(listener, run.productId()));
            }
            return ended;
        } catch (PolderException e) {
            ending.fail(e.getMessage());
            return ending.recorded(fail(run.id(), e.code(), e.getMessage(), "resolve-inputs"));
        } catch (RuntimeException e) {
            LOG.error("build {} of {} failed unexpectedly", run.id(), run.productId(), e);
            String message = "the build failed unexpectedly: " + e;
            ending.fail(message);
            return ending.recorded(fail(run.id(), ErrorCode.INTERNAL, message, "write"));
        }
    }

    /**
     * The lineage of one build run, which the engine leaves to this service to end (it built without publishing): the
     * final event it prepared is emitted once, when the outcome is known, and recorded with the run.
     */
    private final class RunLineage {
        private final String runId;
        private BuildResult built;
        /** The run's events once its final one was emitted; null before. */
        private List<RunEvent> ended;

        RunLineage(String runId) {
            this.runId = runId;
        }

        void built(BuildResult result) {
            built = result;
        }

        /**
         * The build's result as the registry records it, with its lineage ended: the engine's prepared final event,
         * now, or a FAIL naming why publishing failed when it did (the result's failure is publishing's, not the
         * engine's {@code engineFailure}); a delivery that failed is among the warnings.
         */
        BuildResult end(BuildResult result, RunFailure engineFailure) {
            Optional<RunEvent> pending = built.pendingFinalEventIfAny();
            if (pending.isEmpty() || ended != null) {
                return result;
            }
            Instant now = clock.instant();
            boolean publishFailed = result.failure() != null && result.failure() != engineFailure;
            RunEvent last = publishFailed ? pending.get().failedAt(now, result.failure().message()) : pending.get().at(now);
            List<String> warnings = new ArrayList<>(result.warnings());
            emit(last).ifPresent(warnings::add);
            return new BuildResult(result.runId(), result.productId(), result.outcome(), result.startedAt(),
                    result.finishedAt(), result.ports(), result.failure(), ended, warnings);
        }

        /**
         * Ends the lineage of a run that ends without this build's result (another server failed it, or recording
         * the result failed): FAIL naming {@code why}, unless the final event went out already or the engine never
         * started the run.
         */
        void fail(String why) {
            if (built == null || ended != null) {
                return;
            }
            built.pendingFinalEventIfAny().ifPresent(pending -> emit(pending.failedAt(clock.instant(), why))
                    .ifPresent(warning -> LOG.warn("run {}: {}", runId, warning)));
        }

        /**
         * Records the events sent with {@code run}, ended without this build's result, when it has none yet: the
         * registry holds what the listener was sent.
         *
         * @return {@code run}
         */
        Run recorded(Run run) {
            if (ended == null) {
                return run;
            }
            try {
                runs.recordLineage(runId, ended);
            } catch (RuntimeException e) {
                LOG.warn("recording the lineage of run {} failed: {}", runId, e.getMessage());
            }
            return run;
        }

        /** Emits the final event, once; answers a warning when the listener did not take it. */
        private Optional<String> emit(RunEvent last) {
            List<RunEvent> events = new ArrayList<>(built.lineage());
            events.add(last);
            ended = List.copyOf(events);
            try {
                lineage.emit(last);
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of("lineage: " + e.getMessage());
            }
        }
    }

    /**
     * Publishes the candidates that passed their contracts (as the engine would have, in the build's order), each
     * after the registry granted it ({@link RunService#claimPublish}), then applies the product's retention.
     */
    private Publication publish(Run run, BuildResult built, RetentionPolicy retention) {
        List<PortBuild> ports = new ArrayList<>(built.ports());
        List<String> published = new ArrayList<>();
        List<String> warnings = new ArrayList<>(built.warnings());
        for (int i = 0; i < ports.size(); i++) {
            PortBuild port = ports.get(i);
            if (port.outcome() != PortOutcome.CANDIDATE) {
                continue;
            }
            String snapshot = port.port() + " snapshot " + port.snapshot().value();
            boolean granted;
            try {
                granted = runs.claimPublish(run.id(), runner);
            } catch (RuntimeException e) {
                LOG.warn("build {} of {}: asking the registry for the right to publish {} failed", run.id(),
                        run.productId(), snapshot, e);
                return new Publication(true, withPorts(built, ports, warnings, new RunFailure(codeOf(e), Stage.PUBLISH,
                        "could not ask the registry for the right to publish " + snapshot + " (what was published"
                        + " before stays published; the candidates are not published): " + e.getMessage())),
                        List.of(), published);
            }
            if (!granted) {
                return new Publication(false, built, ports.subList(i, ports.size()).stream()
                        .filter(rest -> rest.outcome() == PortOutcome.CANDIDATE)
                        .map(rest -> rest.port() + " snapshot " + rest.snapshot().value()).toList(), published);
            }
            // the run shows the port it publishes, all its tables: not the rows of the last table written
            recordProgress(run.id(), Stage.PUBLISH.value(), port.tables().stream().mapToLong(TableInfo::rows).sum());
            try {
                engine.publish(port.port(), port.snapshot());
            } catch (RuntimeException e) {
                LOG.warn("build {} of {}: publishing {} failed", run.id(), run.productId(), snapshot, e);
                return new Publication(true, withPorts(built, ports, warnings, new RunFailure(codeOf(e), Stage.PUBLISH,
                        "publishing " + snapshot + " failed (what was published before stays published): "
                        + e.getMessage())), List.of(), published);
            }
            published.add(snapshot);
            if (!retention.keepsEverything()) {
                applyRetention(run, port, retention).ifPresent(warnings::add);
            }
            ports.set(i, new PortBuild(port.port(), PortOutcome.PUBLISHED, port.snapshot(), port.tables(), port.checks(),
                    port.snapshot()));
        }
        return new Publication(true, withPorts(built, ports, warnings, built.failure()), List.of(), published);
    }

    private static ErrorCode codeOf(RuntimeException e) {
        return e instanceof PolderException polder ? polder.code() : ErrorCode.INTERNAL;
    }

    /**
     * What publishing came to.
     *
     * @param granted   false when the registry refused a publish: the run had ended meanwhile
     * @param result    the build's result with the ports published
     * @param withheld  the candidates not published because the registry refused
     * @param published the snapshots published before it refused
     */
    private record Publication(boolean granted, BuildResult result, List<String> withheld, List<String> published) {
    }

    /**
     * The registry refused to let the run publish: another server ended it, and its record stands. The run's lineage
     * ends in FAIL, saying so.
     */
    private Run refused(Run run, Publication publication, RunLineage lineage) {
        Run ended = runs.get(run.id());
        lineage.fail("not published: another server ended this run, taking the server that ran it for silent ("
                + ended.errorMessage() + "); left unpublished: " + String.join(", ", publication.withheld())
                + (publication.published().isEmpty() ? ""
                : "; published before it was refused: " + String.join(", ", publication.published())));
        lineage.recorded(ended);
        LOG.warn("build {} of {} is not published: the registry no longer holds it as running on this server ({}: {});"
                + " another server took this one for silent and ended it, and that record stands. Left unpublished: {}{}",
                run.id(), run.productId(), ended.state().value(), ended.errorMessage(),
                String.join(", ", publication.withheld()), publication.published().isEmpty() ? ""
                        : "; published before it was refused: " + String.join(", ", publication.published()));
        return ended;
    }

    /**
     * Applies the product's retention to a port just published.
     *
     * @return a warning for the run when it failed: the snapshot is published all the same, and retention is applied
     *         again after the next publish
     */
    private Optional<String> applyRetention(Run run, PortBuild port, RetentionPolicy retention) {
        try {
            engine.applyRetention(port.port(), retention);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("build {} of {}: retention on {} failed", run.id(), run.productId(), port.port(), e);
            return Optional.of("retention on " + port.port() + " failed after its snapshot "
                    + port.snapshot().value() + " was published (the older snapshots are kept until retention is"
                    + " applied again, after the next publish): " + e.getMessage());
        }
    }

    /**
     * The build's result with the ports as publishing left them; its lineage is still the engine's (START), ended by
     * {@link RunLineage#end}.
     */
    private BuildResult withPorts(BuildResult built, List<PortBuild> ports, List<String> warnings, RunFailure failure) {
        boolean succeeded = failure == null && built.succeeded();
        Instant now = clock.instant();
        return new BuildResult(built.runId(), built.productId(), succeeded ? BuildOutcome.SUCCEEDED : BuildOutcome.FAILED,
                built.startedAt(), now.isAfter(built.finishedAt()) ? now : built.finishedAt(), ports, failure,
                built.lineage(), warnings, built.pendingFinalEvent());
    }

    /**
     * Records the build's result. When another server failed the run meanwhile (it took this one for silent), the
     * registry keeps that server's record; what this build published is still published, so it is logged, and
     * downstream builds are still triggered by the caller.
     */
    private Run finishBuild(Run run, BuildResult result, List<String> published) {
        ending(run.id());
        try {
            Run finished = runs.finishBuild(run.id(), result, policyFindings);
            LOG.info("build {} of {}: {}{}", run.id(), run.productId(), finished.state().value(),
                    finished.errorMessage() == null ? "" : " (" + finished.errorMessage() + ")");
            return finished;
        } catch (PolderException e) {
            Run ended = runs.get(run.id());
            if (e.code() != ErrorCode.CONFLICT || !ended.state().finished()) {
                throw e;
            }
            LOG.warn("build {} of {} ended here ({}) after another server had recorded it as {} ({}); that record"
                    + " stands{}", run.id(), run.productId(), result.outcome(), ended.state().value(), ended.errorMessage(),
                    published.isEmpty() ? "" : ", but this build published " + String.join(", ", published));
            // the lineage this build sent (it published what it says) is recorded with the other server's record
            runs.recordLineage(run.id(), result.lineage());
            return ended;
        }
    }

    private Run executeTest(Run run, String portName) {
        if (!runs.start(run.id())) {
            return endedMeanwhile(run.id());
        }
        try {
            BuildTarget target = definitions.target(run.productId());
            List<OutputPortDefinition> ports = target.definition().outputPorts().stream()
                    .filter(port -> portName == null || port.ref().portName().equals(portName)).toList();
            if (ports.isEmpty()) {
                throw new PolderException(ErrorCode.NOT_FOUND, "product '" + run.productId() + "' has no output port"
                        + (portName == null ? "" : " called '" + portName + "'"));
            }
            List<CheckRun> checks = new ArrayList<>();
            long rows = 0;
            for (OutputPortDefinition port : ports) {
                checks.add(engine.check(new CheckRequest(run.id(), port.ref(), port.contract(), null,
                        target.definition().settings().retention()), progress(run.id())));
                rows += engine.published(port.ref()).map(info -> info.tables().stream().mapToLong(TableInfo::rows).sum())
                        .orElse(0L);
            }
            ending(run.id());
            return runs.finishTest(run.id(), checks, rows, policyFindings);
        } catch (PolderException e) {
            return fail(run.id(), e.code(), e.getMessage(), "check");
        } catch (RuntimeException e) {
            LOG.error("test {} of {} failed unexpectedly", run.id(), run.productId(), e);
            return fail(run.id(), ErrorCode.INTERNAL, "the test failed unexpectedly: " + e, "check");
        }
    }

    /** A queued run that another server failed (it took this one for silent) before a worker took it: not run. */
    private Run endedMeanwhile(String runId) {
        Run ended = runs.get(runId);
        LOG.warn("run {} was ended before it started, by another server that took this one for silent ({}); it is"
                + " not run", runId, ended.errorMessage());
        return ended;
    }

    /**
     * Fails the run, unless it has ended already: another server failed it when this one was taken for silent (no
     * heartbeat within its time; see {@link RunnerHeartbeat}), and its record stands.
     */
    private Run fail(String runId, ErrorCode code, String message, String stage) {
        ending(runId);
        try {
            return runs.fail(runId, code, message, stage);
        } catch (PolderException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            Run ended = runs.get(runId);
            LOG.warn("run {} was ended meanwhile, by another server that took this one for silent ({}); what this"
                    + " server found is not recorded: {}", runId, ended.errorMessage(), message);
            return ended;
        }
    }

    /**
     * Records progress at each new stage, and within a stage at most every {@link #PROGRESS_INTERVAL}; a run that waits
     * for another run of its product is recorded in the stage {@link #waitingStage} names.
     */
    private ProgressListener progress(String runId) {
        return new ProgressListener() {
            private String stage;
            private long lastWrite;

            @Override
            public void progress(Progress progress) {
                long now = clock.millis();
                String current = progress.stage() == Stage.WAITING ? waitingStage(progress.subject())
                        : progress.stage().value();
                if (current.equals(stage) && now - lastWrite < PROGRESS_INTERVAL.toMillis()) {
                    return;
                }
                stage = current;
                lastWrite = now;
                recordProgress(runId, current, Math.max(0, progress.rows()));
            }
        };
    }

    /**
     * The stage of a run that waits for another run of its product: {@code waiting: build} or {@code waiting: test}
     * (the run kind it waits for; the product is the run's own), or {@code waiting} when the engine does not say.
     */
    static String waitingStage(String waitedFor) {
        return Stage.WAITING_FOR_BUILD.equals(waitedFor) || Stage.WAITING_FOR_TEST.equals(waitedFor)
                ? Stage.WAITING.value() + ": " + waitedFor : Stage.WAITING.value();
    }

    /** Records what a queued run waits for; a failure to say so is logged, and the run waits all the same. */
    private void recordWaiting(String runId, String stage) {
        try {
            runs.waiting(runId, stage);
        } catch (RuntimeException e) {
            LOG.warn("recording that run {} waits failed: {}", runId, e.getMessage());
        }
    }

    /** Records progress; a run found no longer running (another server ended it) is interrupted. */
    private void recordProgress(String runId, String stage, long rows) {
        try {
            if (!runs.progress(runId, stage, rows)) {
                Job job = running.get(runId);
                if (job != null && job.stop()) {
                    LOG.warn("run {} was ended by another server that took this one for silent; it is interrupted",
                            runId);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("recording the progress of run {} failed: {}", runId, e.getMessage());
        }
    }

    /**
     * A run this server works on: its future, and its worker thread while the work goes on, so that a run another
     * server ended can be interrupted; never once this server is recording the run's end itself (a finished run is
     * ended in the registry before its worker is done), nor after the work, when the thread is another run's.
     */
    private static final class Job {
        final CompletableFuture<Run> future = new CompletableFuture<>();
        private Thread worker;
        private boolean ending;
        private boolean stopped;

        synchronized void begin() {
            worker = Thread.currentThread();
        }

        /** Whether the run is being worked on and could still be stopped. */
        synchronized boolean working() {
            return worker != null && !ending && !stopped;
        }

        /** @return whether the worker was interrupted now */
        synchronized boolean stop() {
            if (!working()) {
                return false;
            }
            stopped = true;
            worker.interrupt();
            return true;
        }

        /** This server records the run's end from now on: no interrupt any more. */
        synchronized void ending() {
            ending = true;
        }

        synchronized void end() {
            worker = null;
            // an interrupt meant for this run must not reach the next one on the same thread
            Thread.interrupted();
        }
    }

    /** Marks the run as being ended by this server (see {@link Job}). */
    private void ending(String runId) {
        Job job = running.get(runId);
        if (job != null) {
            job.ending();
        }
    }

    private static void notify(Consumer<String> listener, String productId) {
        try {
            listener.accept(productId);
        } catch (RuntimeException e) {
            LOG.warn("a listener of {}'s publish failed: {}", productId, e.getMessage());
        }
    }

    /** Stops taking runs and lets those in progress finish (the engine interrupts them when it closes). */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
