package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Cursor;
import io.polder.registry.Names;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.Pages;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import io.polder.registry.store.Json;
import io.polder.spi.EngineJson;
import io.polder.spi.TableInfo;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.PortBuild;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.FailedRows;
import io.polder.spi.lineage.LineageJson;
import io.polder.spi.lineage.RunEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of builds and contract runs: who asked for which, how far each got, and what it found (per-port
 * outcomes, check results with failed-row samples, OpenLineage events). Whoever runs the engine (the server's
 * build service) creates a run here, reports its progress, and finishes it with the engine's result; readers
 * list and get runs.
 *
 * <p>Building or testing a product needs {@link Action#BUILD_PRODUCT} for the product's domain and team (see
 * {@link Authorizer#requireBuild}); every run asked for is audited. Reading runs needs only {@link Action#READ}.
 * At most one build of a product is queued or running at a time: a second is a CONFLICT naming the first (the
 * unique index {@code runs_one_active_build} decides between servers), unless the first one's server went silent.
 *
 * <p>Several servers may share the store, each running its own runs (its {@code runner}). Each records a
 * {@link #heartbeat}; the unfinished runs of one that went silent are failed by the others ({@link #failAbandoned}),
 * and those of one that starts again by itself ({@link #failUnfinished}).
 */
public final class RunService {
    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    private static final String RUN_COLUMNS = "id, run_kind, product_id, product_version, port, snapshot, state, stage,"
            + " rows_processed, query_count, triggered_by, requested_by, created_at, started_at, finished_at,"
            + " error_code, error_message, warnings";
    static final String PRODUCT = "SELECT domain_id, team_id, current_version, status FROM products WHERE id = :id";
    /**
     * The product's active build, and whether its runner went silent (no heartbeat within what it set); the runner
     * asking ({@code :self}) is alive, whatever its last heartbeat.
     */
    static final String ACTIVE_BUILD = """
            SELECT r.id, r.runner, CASE WHEN (:self IS NULL OR r.runner <> :self) AND w.heartbeat_at + w.silent_after_ms < :now
                THEN 1 ELSE 0 END AS silent
            FROM runs r LEFT JOIN runners w ON w.runner = r.runner
            WHERE r.product_id = :product AND r.run_kind = 'build' AND r.state IN ('queued', 'running')""";
    static final String HEARTBEAT = """
            INSERT INTO runners (runner, heartbeat_at, silent_after_ms) VALUES (:runner, :now, :silentAfter)
            ON CONFLICT (runner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
                silent_after_ms = excluded.silent_after_ms""";
    /** The runners other than {@code :self} that went silent with runs left unfinished: the cheap look first. */
    static final String SILENT_WITH_RUNS = """
            SELECT DISTINCT r.runner FROM runs r JOIN runners w ON w.runner = r.runner
            WHERE r.state IN ('queued', 'running') AND w.heartbeat_at + w.silent_after_ms < :now
              AND (:self IS NULL OR r.runner <> :self)""";
    /**
     * Takes the runner's row, if it is still silent, before its runs are failed: the row is what a runner's own claim
     * to publish ({@link #CLAIM_PUBLISH_HEARTBEAT}) takes too, so of the two exactly one goes first. On PostgreSQL
     * this statement waits for a claim under way and then judges the heartbeat that claim wrote; a statement after it
     * in the same transaction reads what committed meanwhile (read committed).
     */
    static final String HOLD_SILENT_RUNNER = """
            UPDATE runners SET silent_after_ms = silent_after_ms
            WHERE runner = :runner AND heartbeat_at + silent_after_ms < :now""";
    static final String FAIL_ABANDONED = """
            UPDATE runs SET state = 'failed', finished_at = :finished, error_code = 'INTERNAL',
                error_message = :before || runner || :after
            WHERE state IN ('queued', 'running') AND runner = :runner""";
    /** As FAIL_ABANDONED for one run, once its runner's row is held ({@link #HOLD_SILENT_RUNNER}). */
    static final String FAIL_ABANDONED_RUN = """
            UPDATE runs SET state = 'failed', finished_at = :finished, error_code = 'INTERNAL',
                error_message = :before || runner || :after
            WHERE id = :id AND state IN ('queued', 'running') AND runner = :runner""";
    /**
     * A runner about to publish is alive: its heartbeat is written again (by the registry's time), taking its row
     * first, as {@link #HOLD_SILENT_RUNNER} does. A runner that never sent a heartbeat has no row and is never judged.
     */
    static final String CLAIM_PUBLISH_HEARTBEAT = """
            UPDATE runners SET heartbeat_at = CASE WHEN heartbeat_at < :now THEN :now ELSE heartbeat_at END
            WHERE runner = :runner""";
    /** The compare-and-set of a publish: only a run the registry still holds as running on this runner. */
    static final String CLAIM_PUBLISH = """
            UPDATE runs SET stage = 'publish' WHERE id = :id AND state = 'running' AND runner = :runner""";
    static final String ENDED_AMONG = """
            SELECT id FROM runs WHERE id IN (<ids>) AND state NOT IN ('queued', 'running')""";
    /** Runners silent {@link #FORGET_RUNNERS_AFTER} beyond their own limit, and with no run left unfinished. */
    private static final String FORGOTTEN_RUNNERS = """
            FROM runners WHERE heartbeat_at + silent_after_ms + :forgetAfter < :now AND NOT EXISTS (
                SELECT 1 FROM runs r WHERE r.runner = runners.runner AND r.state IN ('queued', 'running'))""";
    static final String ANY_FORGOTTEN = "SELECT runner " + FORGOTTEN_RUNNERS + " LIMIT 1";
    static final String FORGET_RUNNERS = "DELETE " + FORGOTTEN_RUNNERS;
    /**
     * How long after it went silent (beyond the {@code silentAfter} it declared) a runner's row is removed from
     * {@code runners}; a server that starts again after that writes a new one with its first heartbeat.
     */
    public static final Duration FORGET_RUNNERS_AFTER = Duration.ofDays(7);
    /** The message of a run whose runner went silent, around the runner's name. */
    static final String ABANDONED_BEFORE = "the server ";
    static final String ABANDONED_AFTER = " that ran this run stopped answering (it sent no heartbeat to the registry"
            + " within the time it had set), so the run will never finish; what is published is still the last"
            + " snapshot that passed its contract: run it again";
    static final String INSERT_RUN = "INSERT INTO runs (" + RUN_COLUMNS + """
            , runner) VALUES (:id, :kind, :product, :version, :port, NULL, 'queued', NULL, 0, 0, :trigger, :by, :now, NULL,
                      NULL, NULL, NULL, '[]', :runner)""";
    /** A run that starts has stopped waiting: the stage it waited in ({@link #WAITING}) is cleared. */
    static final String START = """
            UPDATE runs SET state = 'running', started_at = :now, stage = NULL WHERE id = :id AND state = 'queued'""";
    static final String WAITING = """
            UPDATE runs SET stage = :stage WHERE id = :id AND state = 'queued'""";
    static final String PROGRESS = """
            UPDATE runs SET stage = :stage, rows_processed = :rows WHERE id = :id AND state = 'running'""";
    static final String FINISH = """
            UPDATE runs SET state = :state, snapshot = :snapshot, port = COALESCE(:port, port), stage = :stage,
                rows_processed = :rows, query_count = :queries, finished_at = :now, error_code = :errorCode,
                error_message = :errorMessage, warnings = :warnings
            WHERE id = :id AND state IN ('queued', 'running')""";
    static final String FAIL_UNFINISHED = """
            UPDATE runs SET state = 'failed', finished_at = :now, error_code = 'INTERNAL', error_message = :message
            WHERE state IN ('queued', 'running') AND runner = :runner""";
    static final String INSERT_PORT = """
            INSERT INTO run_ports (run_id, port, outcome, snapshot, published_snapshot, rows_written, check_outcome,
                position)
            VALUES (:run, :port, :outcome, :snapshot, :published, :rows, :checkOutcome, :position)""";
    static final String INSERT_CHECK = """
            INSERT INTO run_checks (run_id, position, port, snapshot, rule_id, rule_name, check_kind, table_name,
                property, metric, severity, outcome, value_json, unit, threshold, message, failed_rows)
            VALUES (:run, :position, :port, :snapshot, :rule, :name, :kind, :table, :property, :metric, :severity,
                :outcome, :value, :unit, :threshold, :message, :failedRows)""";
    static final String INSERT_LINEAGE = """
            INSERT INTO lineage_events (run_id, position, product_id, event_type, event_time, event_json)
            VALUES (:run, :position, :product, :type, :time, :json)""";
    static final String GET_RUN = "SELECT " + RUN_COLUMNS + " FROM runs WHERE id = :id";
    static final String LIST_RUNS = "SELECT " + RUN_COLUMNS + """
             FROM runs
            WHERE (:product IS NULL OR product_id = :product) AND (:kind IS NULL OR run_kind = :kind)
              AND (:state IS NULL OR state = :state) AND (:before IS NULL OR id < :before)
            ORDER BY id DESC LIMIT :limit""";
    static final String LIST_PORTS = """
            SELECT port, outcome, snapshot, published_snapshot, rows_written, check_outcome FROM run_ports
            WHERE run_id = :run ORDER BY position""";
    static final String LIST_CHECKS = """
            SELECT port, snapshot, rule_id, rule_name, check_kind, table_name, property, metric, severity, outcome,
                value_json, unit, threshold, message, failed_rows
            FROM run_checks WHERE run_id = :run ORDER BY position""";
    private static final String LATEST_CHECKS = """
            SELECT c.port, c.rule_id, c.outcome FROM run_checks c
            JOIN (SELECT rc.port AS port, MAX(rc.run_id) AS run_id FROM run_checks rc
                  JOIN runs r ON r.id = rc.run_id
                  WHERE r.product_id = :product
                  GROUP BY rc.port) latest ON latest.run_id = c.run_id AND latest.port = c.port
            ORDER BY c.port, c.position""";
    private static final String LATEST_CHECKS_OF_EVERY = """
            SELECT r.product_id, c.port, c.rule_id, c.outcome FROM run_checks c
            JOIN runs r ON r.id = c.run_id
            JOIN (SELECT rr.product_id AS product_id, rc.port AS port, MAX(rc.run_id) AS run_id FROM run_checks rc
                  JOIN runs rr ON rr.id = rc.run_id
                  GROUP BY rr.product_id, rc.port) latest
              ON latest.run_id = c.run_id AND latest.port = c.port AND latest.product_id = r.product_id
            ORDER BY r.product_id, c.port, c.position""";
    static final String LIST_LINEAGE = "SELECT event_json FROM lineage_events WHERE run_id = :run ORDER BY position";
    /** The product of a run that has ended and has no lineage recorded. */
    static final String ENDED_WITHOUT_LINEAGE = """
            SELECT product_id FROM runs WHERE id = :id AND state NOT IN ('queued', 'running')
              AND NOT EXISTS (SELECT 1 FROM lineage_events WHERE run_id = :id)""";

    private final Database database;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final Clock registryTime;

    /** With {@code clock} for the runners' heartbeats too. */
    public RunService(Database database, Authorizer authorizer, AuditLog audit, Ids ids, Clock clock) {
        this(database, authorizer, audit, ids, clock, clock);
    }

    /**
     * @param clock        the times of runs (created, started, finished)
     * @param registryTime the time runners' heartbeats are written and judged with: one clock for every server that
     *                     shares the store ({@link Database#clock()}: the database's), so that a replica whose clock
     *                     is ahead does not take the others for silent, nor one whose clock is behind for alive
     */
    public RunService(Database database, Authorizer authorizer, AuditLog audit, Ids ids, Clock clock,
                      Clock registryTime) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.registryTime = requireNonNull(registryTime, "registryTime is null");
    }

    /**
     * Records a new run of the product's current version, queued, after checking that {@code principal} may
     * build the product; audited.
     *
     * @param port for a test, the port to test ({@code product/port/vMAJOR}); null for a build
     * @throws PolderException NOT_FOUND for an unknown product, FORBIDDEN, CONFLICT when the product is retired
     *                         or (for a build) already being built
     */
    public Run create(Principal principal, RunKind kind, String productId, String port, RunTrigger trigger) {
        return create(principal, kind, productId, port, trigger, null);
    }

    /**
     * As {@link #create(Principal, RunKind, String, String, RunTrigger)}, for a run that {@code runner} (a server
     * process: its host and data directory) will carry out; see {@link #failUnfinished}.
     */
    public Run create(Principal principal, RunKind kind, String productId, String port, RunTrigger trigger,
                      String runner) {
        requireNonNull(principal, "principal is null");
        Names.requireId("product id", productId);
        String target = "product/" + productId;
        ProductRow product = database.read(handle -> product(handle, productId));
        authorizer.requireBuild(principal, product.domain(), product.team(), target);
        if (product.status() == LifecycleStatus.RETIRED) {
            throw new PolderException(ErrorCode.CONFLICT, "product '" + productId + "' is retired; it is not built"
                    + " or tested any more");
        }
        String id = ids.next();
        long registryNow = kind == RunKind.BUILD ? registryTime.millis() : 0;
        try {
            database.writeVoid(handle -> {
                // read once the write is under way. On SQLite (BEGIN IMMEDIATE) the transaction waited for the
                // write lock, so a run created while another's end was being written is created after that end, never
                // before it. On PostgreSQL a transaction takes no lock at its start: two writes overlap, and the time
                // only orders this run after the writes committed before this transaction began
                long now = clock.millis();
                if (kind == RunKind.BUILD) {
                    requireNoActiveBuild(handle, productId, runner, registryNow, now);
                }
                handle.createUpdate(INSERT_RUN).bind("id", id).bind("kind", kind.value()).bind("product", productId)
                        .bind("version", product.currentVersion()).bind("port", port).bind("trigger", trigger.value())
                        .bind("by", principal.name()).bind("now", now).bind("runner", runner).execute();
                audit.record(handle, principal, Action.BUILD_PRODUCT, target, AuditOutcome.SUCCEEDED,
                        Map.of("run", id, "kind", kind.value(), "trigger", trigger.value()));
            });
        } catch (RuntimeException e) {
            if (kind == RunKind.BUILD && database.isUniqueViolation(e)) {
                // another server created a build of the product between the look and the insert (runs_one_active_build)
                Optional<ActiveBuild> active = database.read(handle -> activeBuild(handle, productId, runner, registryNow));
                throw beingBuilt(productId, active.map(ActiveBuild::id).orElse(null));
            }
            throw e;
        }
        return get(id);
    }

    /**
     * @throws PolderException CONFLICT naming the product's active build, unless that build's runner went silent:
     *                         then the build is failed (in the caller's transaction) and no longer stands in the way
     */
    private static void requireNoActiveBuild(Handle handle, String productId, String self, long registryNow,
                                             long now) {
        for (int attempt = 0; ; attempt++) {
            Optional<ActiveBuild> active = activeBuild(handle, productId, self, registryNow);
            if (active.isEmpty()) {
                return;
            }
            if (!active.get().silent() || attempt > 0) {
                throw beingBuilt(productId, active.get().id());
            }
            String silentRunner = active.get().runner();
            if (holdSilentRunner(handle, silentRunner, registryNow) && handle.createUpdate(FAIL_ABANDONED_RUN)
                    .bind("id", active.get().id()).bind("runner", silentRunner).bind("finished", now)
                    .bind("before", ABANDONED_BEFORE).bind("after", ABANDONED_AFTER).execute() == 1) {
                return;
            }
            // another server failed it first (on PostgreSQL, after waiting for its transaction), or its runner beat
            // meanwhile: look again, once,
            // so that a conflict names the build that server may have queued in its place
        }
    }

    private static Optional<ActiveBuild> activeBuild(Handle handle, String productId, String self, long registryNow) {
        return handle.createQuery(ACTIVE_BUILD).bind("product", productId).bind("self", self).bind("now", registryNow)
                .map((row, context) -> new ActiveBuild(row.getString("id"), row.getString("runner"),
                        row.getInt("silent") == 1)).findFirst();
    }

    /** @param runId the build in the way, or null when another server's was seen only by the unique index */
    private static PolderException beingBuilt(String productId, String runId) {
        return new PolderException(ErrorCode.CONFLICT, "product '" + productId + "' is being built already"
                + (runId == null ? " (by another server)" : " (run " + runId + ")") + "; one build of a product runs at"
                + " a time", runId == null ? Map.of() : Map.of("runId", runId), null);
    }

    /** A build queued or running, and whether the server running it went silent. */
    private record ActiveBuild(String id, String runner, boolean silent) {
    }

    /** Whether {@code runner} is still silent, its row now held by the caller's transaction (HOLD_SILENT_RUNNER). */
    private static boolean holdSilentRunner(Handle handle, String runner, long registryNow) {
        return handle.createUpdate(HOLD_SILENT_RUNNER).bind("runner", runner).bind("now", registryNow).execute() == 1;
    }

    /**
     * Records that {@code runner} is alive, by the registry's time; until {@code silentAfter} has passed without
     * another heartbeat, its unfinished runs are its own to finish. A server calls this at start and then regularly
     * (well within {@code silentAfter}).
     */
    public void heartbeat(String runner, Duration silentAfter) {
        requireNonNull(runner, "runner is null");
        if (silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("silentAfter must be positive, found " + silentAfter);
        }
        long now = registryTime.millis();
        database.writeVoid(handle -> handle.createUpdate(HEARTBEAT).bind("runner", runner).bind("now", now)
                .bind("silentAfter", silentAfter.toMillis()).execute());
    }

    /**
     * Fails the runs still queued or running of every runner (except {@code self}, when not null) that went silent:
     * no heartbeat for longer than it had said it may, by the registry's time. Their server died and has not
     * started again (a restart fails its own runs, see {@link #failUnfinished}); without this they would stay
     * unfinished forever and hold their products' builds back. A runner that never sent a heartbeat is never
     * judged. Looks first, so that it writes only when there is something to fail; then, one runner per
     * transaction, takes the runner's row if it is still silent and fails its runs: a runner that claimed the right to
     * publish meanwhile ({@link #claimPublish}) wrote its heartbeat again in that row, and its runs are left alone.
     *
     * @return how many runs were failed
     */
    public int failAbandoned(String self) {
        long now = registryTime.millis();
        List<String> silent = database.read(handle -> handle.createQuery(SILENT_WITH_RUNS).bind("now", now)
                .bind("self", self).mapTo(String.class).list());
        int failed = 0;
        for (String runner : silent) {
            // one runner per transaction: its row, then its runs, the order a claim to publish takes them in
            failed += database.write(handle -> holdSilentRunner(handle, runner, now)
                    ? handle.createUpdate(FAIL_ABANDONED).bind("runner", runner).bind("finished", clock.millis())
                            .bind("before", ABANDONED_BEFORE).bind("after", ABANDONED_AFTER).execute()
                    : 0);
        }
        return failed;
    }

    /**
     * Asks for the right to publish what the run built, just before the engine publishes it: granted only while the
     * registry holds the run as running on {@code runner} (a compare-and-set on its state and runner), and then the
     * runner's heartbeat is written again, by the registry's time, in the same transaction. So a run that another
     * server failed meanwhile (it took this runner for silent: a long pause of its process, a network partition) is
     * refused, and one that is granted cannot be failed as abandoned before its runner's {@code silentAfter} has
     * passed again: the time it has to publish. Ask again before each port's publish.
     *
     * @return false when the run must not publish: the candidates stay unpublished, and the run's record stands
     */
    public boolean claimPublish(String runId, String runner) {
        requireNonNull(runner, "runner is null");
        long now = registryTime.millis();
        return database.write(handle -> {
            // the runner's row first, as failAbandoned takes it: of a claim and a failing, one waits for the other
            handle.createUpdate(CLAIM_PUBLISH_HEARTBEAT).bind("runner", runner).bind("now", now).execute();
            return handle.createUpdate(CLAIM_PUBLISH).bind("id", runId).bind("runner", runner).execute() == 1;
        });
    }

    /** Of {@code runIds}, those that have ended (succeeded or failed): by their runner, or by another server. */
    public Set<String> ended(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(database.read(handle -> handle.createQuery(ENDED_AMONG)
                .bindList("ids", List.copyOf(runIds)).mapTo(String.class).list()));
    }

    /**
     * Removes the rows of runners silent for {@link #FORGET_RUNNERS_AFTER} beyond the {@code silentAfter} they
     * declared, and with no run left queued or running (those are failed first, by {@link #failAbandoned}): servers
     * that are gone for good. Looks first, so that it writes only when there is something to remove.
     *
     * @return how many runners were removed
     */
    public int forgetSilentRunners() {
        long now = registryTime.millis();
        long forgetAfter = FORGET_RUNNERS_AFTER.toMillis();
        boolean any = database.read(handle -> handle.createQuery(ANY_FORGOTTEN).bind("now", now)
                .bind("forgetAfter", forgetAfter).mapTo(String.class).findFirst().isPresent());
        if (!any) {
            return 0;
        }
        return database.write(handle -> handle.createUpdate(FORGET_RUNNERS).bind("now", now)
                .bind("forgetAfter", forgetAfter).execute());
    }

    /**
     * The run is being worked on.
     *
     * @return false when it was not queued any more: another server failed it, taking its runner for silent (see
     *         {@link #failAbandoned}), and it must not be run
     */
    public boolean start(String runId) {
        return database.write(handle -> handle.createUpdate(START).bind("id", runId).bind("now", clock.millis())
                .execute()) == 1;
    }

    /**
     * What a queued run waits for before it can start (such as {@code waiting: build}, a test waiting for the build of
     * its product that is running), as its stage; cleared when it starts.
     *
     * @param stage at most 20 characters, as every stage
     * @return false when the run is not queued any more
     */
    public boolean waiting(String runId, String stage) {
        requireRunId(runId);
        if (stage == null || stage.isBlank() || stage.length() > 20) {
            throw new IllegalArgumentException("a stage is 1 to 20 characters, found '" + stage + "'");
        }
        return database.write(handle -> handle.createUpdate(WAITING).bind("id", runId).bind("stage", stage)
                .execute()) == 1;
    }

    /**
     * Where a running run is: its stage (at most 20 characters: {@code write}, {@code check}, {@code waiting: test}...)
     * and the rows done so far.
     *
     * @return false when the run is not running any more: another server failed it (see {@link #failAbandoned})
     */
    public boolean progress(String runId, String stage, long rows) {
        return database.write(handle -> handle.createUpdate(PROGRESS).bind("id", runId).bind("stage", stage)
                .bind("rows", rows).execute()) == 1;
    }

    /** Finishes a build with the engine's result: per-port outcomes, every port's check results, lineage. */
    public Run finishBuild(String runId, BuildResult result) {
        return finishBuild(runId, result, RunFindings.NONE);
    }

    /**
     * As {@link #finishBuild(String, BuildResult)}, with the policies' {@code findings} on the product (its new check
     * results included) among the run's warnings, written in the same transaction as its end.
     */
    public Run finishBuild(String runId, BuildResult result, RunFindings findings) {
        long rows = result.ports().stream().flatMap(port -> port.tables().stream()).mapToLong(TableInfo::rows).sum();
        int queries = result.ports().stream().filter(port -> port.checks() != null)
                .mapToInt(port -> port.checks().queryCount()).sum();
        Finish finish = new Finish(result.succeeded() ? RunState.SUCCEEDED : RunState.FAILED, null, null,
                result.failureIfAny().map(failure -> failure.stage().value()).orElse(result.succeeded() ? "publish" : "check"),
                rows, queries, result.failureIfAny().map(failure -> failure.code().name()).orElse(null),
                result.failureIfAny().map(failure -> failure.message()).orElse(failedChecksMessage(result)),
                result.warnings());
        finishWith(runId, result.productId(), finish, findings, handle -> {
            for (int i = 0; i < result.ports().size(); i++) {
                insertPort(handle, runId, result.ports().get(i), i);
            }
            int position = 0;
            for (PortBuild port : result.ports()) {
                if (port.checks() != null) {
                    position = insertChecks(handle, runId, port.checks(), position);
                }
            }
            insertLineage(handle, runId, result.productId(), result.lineage());
        });
        return get(runId);
    }

    /**
     * Finishes a test with its contract runs, one per port tested; it fails when any error-level check failed.
     *
     * @param rows the rows of the snapshots checked
     */
    public Run finishTest(String runId, List<CheckRun> checks, long rows) {
        return finishTest(runId, checks, rows, RunFindings.NONE);
    }

    /**
     * As {@link #finishTest(String, List, long)}, with the policies' {@code findings} on the product (its new check
     * results included) among the run's warnings, written in the same transaction as its end.
     */
    public Run finishTest(String runId, List<CheckRun> checks, long rows, RunFindings findings) {
        List<CheckRun> blocking = checks.stream().filter(CheckRun::blocksPublishing).toList();
        CheckRun single = checks.size() == 1 ? checks.getFirst() : null;
        Finish finish = new Finish(blocking.isEmpty() ? RunState.SUCCEEDED : RunState.FAILED,
                single == null ? null : single.port().toString(), single == null ? null : single.snapshot().value(),
                "check", rows, checks.stream().mapToInt(CheckRun::queryCount).sum(), null,
                blocking.isEmpty() ? null : blocking.stream().mapToLong(run -> run.problems().stream()
                        .filter(CheckResult::blocksPublishing).count()).sum() + " error-level check(s) failed; the first: "
                        + blocking.getFirst().problems().stream().filter(CheckResult::blocksPublishing).findFirst()
                        .map(CheckResult::message).orElse(""), List.of());
        finishWith(runId, get(runId).productId(), finish, findings, handle -> {
            int position = 0;
            for (CheckRun run : checks) {
                position = insertChecks(handle, runId, run, position);
            }
        });
        return get(runId);
    }

    /**
     * In one transaction: writes what the run found ({@code results}), reads the policies' findings on the product
     * (which see those results), and ends the run with them among its warnings. When the findings cannot be read,
     * that transaction is undone and the run ends without them, saying so among its warnings: a policy never fails
     * a run.
     */
    private void finishWith(String runId, String productId, Finish finish, RunFindings findings,
                            Consumer<Handle> results) {
        try {
            database.writeVoid(handle -> {
                requireUnfinished(handle, runId);
                results.accept(handle);
                List<String> found;
                try {
                    found = findings.of(handle, productId);
                } catch (RuntimeException e) {
                    throw new FindingsUnavailable(e);
                }
                finish(handle, runId, finish.withWarnings(found));
            });
        } catch (FindingsUnavailable e) {
            LOG.warn("the policies could not be evaluated after run {} of {}", runId, productId, e.getCause());
            database.writeVoid(handle -> {
                requireUnfinished(handle, runId);
                results.accept(handle);
                finish(handle, runId, finish.withWarnings(List.of("the policies in force could not be evaluated after"
                        + " this run: " + e.getCause().getMessage())));
            });
        }
    }

    /** The policies' findings failed: the finishing transaction is undone and written again without them. */
    private static final class FindingsUnavailable extends RuntimeException {
        FindingsUnavailable(RuntimeException cause) {
            super(cause);
        }
    }

    /** Finishes a run that failed before the engine could report a result (a definition the engine refused). */
    public Run fail(String runId, ErrorCode code, String message, String stage) {
        database.writeVoid(handle -> finish(handle, runId, new Finish(RunState.FAILED, null, null, stage, 0, 0,
                code.name(), message, List.of())));
        return get(runId);
    }

    /**
     * Marks the runs of {@code runner} still queued or running as failed: at start-up, the runs a server process
     * had when it stopped will never finish. Runs of other runners (replicas) are left alone.
     *
     * @return how many runs were marked
     */
    public int failUnfinished(String runner, String reason) {
        requireNonNull(runner, "runner is null");
        return database.write(handle -> handle.createUpdate(FAIL_UNFINISHED).bind("now", clock.millis())
                .bind("runner", runner).bind("message", reason).execute());
    }

    /**
     * The runs, newest first; any authenticated principal may read them. A page that shows unfinished runs is read
     * again after the runs of silent runners are failed ({@link #failAbandoned}), so it never shows a run of a dead
     * server as still running.
     */
    public Page<Run> list(RunFilter filter, PageRequest page) {
        return list(filter, page, null);
    }

    /**
     * As {@link #list(RunFilter, PageRequest)}, read by the server whose runner is {@code self}: a server answering
     * is alive, so its own runs are never taken for abandoned, whatever its last heartbeat (after a long pause of
     * its process, say).
     */
    public Page<Run> list(RunFilter filter, PageRequest page, String self) {
        String before = page.cursor() == null ? null : Cursor.decode("runs", page.cursor(), 1).getFirst();
        List<Run> runs = listRuns(filter, before, page.limit());
        if (runs.stream().anyMatch(run -> !run.state().finished()) && failAbandoned(self) > 0) {
            runs = listRuns(filter, before, page.limit());
        }
        return Pages.of(runs, page.limit(), last -> Cursor.encode("runs", last.id()));
    }

    private List<Run> listRuns(RunFilter filter, String before, int limit) {
        return database.read(handle -> handle.createQuery(LIST_RUNS).bind("product", filter.product())
                .bind("kind", filter.kind() == null ? null : filter.kind().value())
                .bind("state", filter.state() == null ? null : filter.state().value())
                .bind("before", before).bind("limit", limit + 1).map(RunService::run).list());
    }

    /** @throws PolderException NOT_FOUND for an unknown run, INVALID_ARGUMENT for a malformed id */
    public Run get(String id) {
        requireRunId(id);
        return database.read(handle -> handle.createQuery(GET_RUN).bind("id", id).map(RunService::run).findFirst())
                .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no run '" + id + "'"));
    }

    /**
     * The run with its ports, check results and lineage events, read in one snapshot of the store. A run is finished
     * in the same transaction that records its results and its policy findings, so a finished run is always read
     * with them, on whichever server. An unfinished run whose runner went silent is failed first (see
     * {@link #failAbandoned}).
     */
    public RunDetail detail(String id) {
        return detail(id, null);
    }

    /** As {@link #detail(String)}, read by the server whose runner is {@code self} (see {@link #list(RunFilter, PageRequest, String)}). */
    public RunDetail detail(String id, String self) {
        requireRunId(id);
        RunDetail detail = readDetail(id);
        if (!detail.run().state().finished() && failAbandoned(self) > 0) {
            detail = readDetail(id);
        }
        return detail;
    }

    private RunDetail readDetail(String id) {
        return database.snapshot(handle -> {
            Run run = handle.createQuery(GET_RUN).bind("id", id).map(RunService::run).findFirst()
                    .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no run '" + id + "'"));
            return new RunDetail(run,
                    handle.createQuery(LIST_PORTS).bind("run", id).map(RunService::port).list(),
                    handle.createQuery(LIST_CHECKS).bind("run", id).map(RunService::check).list(),
                    handle.createQuery(LIST_LINEAGE).bind("run", id).mapTo(String.class).list().stream()
                            .map(json -> (Object) read(json, Object.class)).toList());
        });
    }

    /**
     * The checks of the latest contract run of each of the product's output ports (the build's or a test's),
     * by port then position in the run: what policies see as {@code facts.latestChecks}.
     */
    public List<LatestCheck> latestChecks(String productId) {
        return database.read(handle -> latestChecks(handle, productId));
    }

    /** {@link #latestChecks(String)} read with {@code handle}, in the caller's transaction or snapshot. */
    public static List<LatestCheck> latestChecks(Handle handle, String productId) {
        return handle.createQuery(LATEST_CHECKS).bind("product", productId)
                .map((rows, context) -> new LatestCheck(rows.getString("rule_id"), rows.getString("outcome"),
                        rows.getString("port")))
                .list();
    }

    /** {@link #latestChecks(Handle, String)} of every product that has checks, by product id, in one statement. */
    public static Map<String, List<LatestCheck>> latestChecksOfEvery(Handle handle) {
        Map<String, List<LatestCheck>> every = new LinkedHashMap<>();
        handle.createQuery(LATEST_CHECKS_OF_EVERY)
                .map((rows, context) -> Map.entry(rows.getString("product_id"), new LatestCheck(rows.getString("rule_id"),
                        rows.getString("outcome"), rows.getString("port"))))
                .forEach(entry -> every.computeIfAbsent(entry.getKey(), product -> new ArrayList<>()).add(entry.getValue()));
        return every;
    }

    /** One check's latest outcome ({@code passed}, {@code failed}, {@code error}, {@code skipped}) on a port. */
    public record LatestCheck(String rule, String outcome, String port) {
    }

    /** The OpenLineage events of a run, as the engine emitted them. */
    public List<RunEvent> lineageEvents(String runId) {
        requireRunId(runId);
        return database.read(handle -> handle.createQuery(LIST_LINEAGE).bind("run", runId).mapTo(String.class).list())
                .stream().map(LineageJson::read).toList();
    }

    /**
     * Records the lineage of a run that ended without its result: failed by another server (it took this run's runner
     * for silent) or failed before its build could be recorded, while the runner still ended its lineage (START, then
     * FAIL) outside. So the registry holds the events the OpenLineage endpoint received. Written only when the run has
     * ended and has no lineage recorded yet.
     *
     * @return whether the events were written
     */
    public boolean recordLineage(String runId, List<RunEvent> events) {
        requireRunId(runId);
        if (events.isEmpty()) {
            return false;
        }
        return database.write(handle -> {
            Optional<String> product = handle.createQuery(ENDED_WITHOUT_LINEAGE).bind("id", runId)
                    .mapTo(String.class).findFirst();
            product.ifPresent(productId -> insertLineage(handle, runId, productId, events));
            return product.isPresent();
        });
    }

    private record Finish(RunState state, String port, String snapshot, String stage, long rows, int queries,
                          String errorCode, String errorMessage, List<String> warnings) {
        /** With {@code more} after the engine's warnings. */
        Finish withWarnings(List<String> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<String> all = new ArrayList<>(warnings);
            all.addAll(more);
            return new Finish(state, port, snapshot, stage, rows, queries, errorCode, errorMessage, List.copyOf(all));
        }
    }

    private record ProductRow(String domain, String team, String currentVersion, LifecycleStatus status) {
    }

    private static ProductRow product(Handle handle, String id) {
        return handle.createQuery(PRODUCT).bind("id", id)
                .map((row, context) -> new ProductRow(row.getString("domain_id"), row.getString("team_id"),
                        row.getString("current_version"), LifecycleStatus.parse(row.getString("status"))))
                .findFirst().orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no product '" + id + "'"));
    }

    /** Before a run's results are written: it must not have ended (the end itself checks again, in its update). */
    private static void requireUnfinished(Handle handle, String runId) {
        Optional<RunState> state = handle.createQuery("SELECT state FROM runs WHERE id = :id").bind("id", runId)
                .map((row, context) -> RunState.parse(row.getString("state"))).findFirst();
        if (state.isEmpty() || state.get().finished()) {
            throw new PolderException(ErrorCode.CONFLICT, "run '" + runId + "' is not queued or running");
        }
    }

    private void finish(Handle handle, String runId, Finish finish) {
        int updated = handle.createUpdate(FINISH).bind("id", runId).bind("state", finish.state().value())
                .bind("snapshot", finish.snapshot()).bind("port", finish.port()).bind("stage", finish.stage())
                .bind("rows", finish.rows()).bind("queries", finish.queries()).bind("now", clock.millis())
                .bind("errorCode", finish.errorCode()).bind("errorMessage", finish.errorMessage())
                .bind("warnings", Json.write(finish.warnings())).execute();
        if (updated != 1) {
            throw new PolderException(ErrorCode.CONFLICT, "run '" + runId + "' is not queued or running");
        }
    }

    /** Why ports were quarantined: the checks that blocked them (not the warnings), the first with its message. */
    private static String failedChecksMessage(BuildResult result) {
        List<String> quarantined = result.ports().stream().filter(port -> port.checks() != null
                && port.checks().blocksPublishing()).map(port -> {
                    List<CheckResult> blocking = port.checks().results().stream().filter(CheckResult::blocksPublishing)
                            .toList();
                    return port.port() + ": " + blocking.size() + " error-level check(s) failed ("
                            + blocking.stream().map(CheckResult::ruleId).collect(Collectors.joining(", ")) + "), the first: "
                            + blocking.getFirst().message();
                }).toList();
        return quarantined.isEmpty() ? null : "not published (what was published before stays published; the candidate"
                + " is kept in quarantine with samples of its failed rows): " + String.join("; ", quarantined);
    }

    private static void insertPort(Handle handle, String runId, PortBuild port, int position) {
        handle.createUpdate(INSERT_PORT).bind("run", runId).bind("port", port.port().toString())
                .bind("outcome", port.outcome().value())
                .bind("snapshot", port.snapshot() == null ? null : port.snapshot().value())
                .bind("published", port.published() == null ? null : port.published().value())
                .bind("rows", port.tables().stream().mapToLong(TableInfo::rows).sum())
                .bind("checkOutcome", port.checks() == null ? null : port.checks().outcome().value())
                .bind("position", position).execute();
    }

    private static int insertChecks(Handle handle, String runId, CheckRun checks, int start) {
        int position = start;
        for (CheckResult result : checks.results()) {
            handle.createUpdate(INSERT_CHECK).bind("run", runId).bind("position", position++)
                    .bind("port", checks.port().toString()).bind("snapshot", checks.snapshot().value())
                    .bind("rule", result.ruleId()).bind("name", result.name()).bind("kind", result.kind().value())
                    .bind("table", result.table()).bind("property", result.property()).bind("metric", result.metric())
                    .bind("severity", result.severity().value()).bind("outcome", result.outcome().value())
                    .bind("value", result.value() == null ? null : EngineJson.write(result.value()))
                    .bind("unit", result.unit()).bind("threshold", threshold(result))
                    .bind("message", result.message())
                    .bind("failedRows", result.failedRows() == null ? null : EngineJson.write(result.failedRows()))
                    .execute();
        }
        return position;
    }

    private static String threshold(CheckResult result) {
        if (result.threshold() == null) {
            return null;
        }
        Object operand = result.threshold().value();
        String text = operand instanceof List<?> range && range.size() == 2 ? range.get(0) + " and " + range.get(1)
                : String.valueOf(operand);
        return result.threshold().operator().symbol() + " " + text;
    }

    private static void insertLineage(Handle handle, String runId, String productId, List<RunEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            handle.createUpdate(INSERT_LINEAGE).bind("run", runId).bind("position", i).bind("product", productId)
                    .bind("type", event.eventType().name()).bind("time", event.eventTime())
                    .bind("json", LineageJson.write(event)).execute();
        }
    }

    private static Run run(ResultSet row, StatementContext context) throws SQLException {
        return new Run(row.getString("id"), RunKind.parse(row.getString("run_kind")), row.getString("product_id"),
                row.getString("product_version"), row.getString("port"), row.getString("snapshot"),
                RunState.parse(row.getString("state")), row.getString("stage"), row.getLong("rows_processed"),
                row.getInt("query_count"), RunTrigger.parse(row.getString("triggered_by")), row.getString("requested_by"),
                io.polder.registry.store.Rows.instant(row, "created_at"),
                io.polder.registry.store.Rows.instant(row, "started_at"),
                io.polder.registry.store.Rows.instant(row, "finished_at"), row.getString("error_code"),
                row.getString("error_message"), List.of(read(row.getString("warnings"), String[].class)));
    }

    private static RunPort port(ResultSet row, StatementContext context) throws SQLException {
        return new RunPort(row.getString("port"), row.getString("outcome"), row.getString("snapshot"),
                row.getString("published_snapshot"), row.getLong("rows_written"), row.getString("check_outcome"));
    }

    private static RunCheck check(ResultSet row, StatementContext context) throws SQLException {
        String value = row.getString("value_json");
        String failedRows = row.getString("failed_rows");
        return new RunCheck(row.getString("port"), row.getString("snapshot"), row.getString("rule_id"),
                row.getString("rule_name"), row.getString("check_kind"), row.getString("table_name"),
                row.getString("property"), row.getString("metric"), row.getString("severity"), row.getString("outcome"),
                value == null ? null : read(value, Object.class), row.getString("unit"), row.getString("threshold"),
                row.getString("message"), failedRows == null ? null : EngineJson.read(failedRows, FailedRows.class));
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "stored JSON is unreadable: " + e.getOriginalMessage());
        }
    }

    private static void requireRunId(String id) {
        if (!Ids.isId(id)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a run id: " + Names.quoteForMessage(id));
        }
    }
}
