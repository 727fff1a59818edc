package io.polder.registry.runs;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.ExampleMesh;
import io.polder.registry.PageRequest;
import io.polder.registry.Registry;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.store.Ids;
import io.polder.spi.check.CheckRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several servers (runners) sharing one registry: the runs of a runner that stopped sending heartbeats are failed by
 * the others, naming it, and no longer hold its products' builds back; one build per product also between servers;
 * and a run is finished in one commit with its results and the policies' findings, so that no reader sees it
 * finished without them. Time is the test's clock (the registry's time in production is the database's).
 */
public abstract class ReplicaRunTests extends RegistryTestBase {
    private static final String A = "host-a:/srv/polder";
    private static final String B = "host-b:/srv/polder";
    private static final Duration SILENT_AFTER = Duration.ofMinutes(2);

    /** Another server's registry on the same store: its own connections. */
    private Registry otherServer;

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults());
        otherServer = Registry.open(jdbcUrl, clock);
    }

    @AfterEach
    void closeOtherServer() {
        if (otherServer != null) { // null when the set-up was skipped (no PostgreSQL outside CI)
            otherServer.close();
        }
    }

    @Test
    void theUnfinishedRunsOfASilentRunnerAreFailedByAnotherNamingIt() {
        RunService runs = registry.runs();
        runs.heartbeat(A, SILENT_AFTER);
        runs.heartbeat(B, SILENT_AFTER);
        runs.heartbeat("host-d:/patient", Duration.ofMinutes(10));
        Run building = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        runs.start(building.id());
        Run testing = runs.create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST, A);
        Run done = runs.create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST, A);
        runs.fail(done.id(), ErrorCode.NOT_FOUND, "no such port", "check");
        Run ofB = runs.create(admin(), RunKind.BUILD, "sales-daily-revenue", null, RunTrigger.REQUEST, B);
        Run ofPatient = runs.create(admin(), RunKind.BUILD, "customer-profiles", null, RunTrigger.REQUEST,
                "host-d:/patient");
        Run ofNeverBeating = runs.create(admin(), RunKind.BUILD, "logistics-shipments", null, RunTrigger.REQUEST,
                "host-c:/old-version");
        assertThat(runs.failAbandoned(B)).as("nobody is silent yet").isZero();

        clock.advance(Duration.ofMinutes(1));
        runs.heartbeat(B, SILENT_AFTER);
        clock.advance(SILENT_AFTER.minusMinutes(1));
        assertThat(runs.failAbandoned(B)).as("exactly at its limit A is not silent yet").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(runs.failAbandoned(A)).as("a runner never fails its own runs").isZero();
        assertThat(runs.failAbandoned(B)).isEqualTo(2);

        for (Run abandoned : List.of(building, testing)) {
            Run failed = runs.get(abandoned.id());
            assertThat(failed.state()).isEqualTo(RunState.FAILED);
            assertThat(failed.errorCode()).isEqualTo("INTERNAL");
            assertThat(failed.errorMessage()).startsWith("the server " + A + " that ran this run stopped answering")
                    .contains("last snapshot that passed its contract").endsWith("run it again");
            assertThat(failed.finishedAt()).isEqualTo(clock.instant());
        }
        assertThat(runs.get(done.id()).errorMessage()).isEqualTo("no such port");
        assertThat(runs.get(ofB.id()).state()).isEqualTo(RunState.QUEUED);
        assertThat(runs.get(ofPatient.id()).state()).as("it said it may be silent for 10 minutes")
                .isEqualTo(RunState.QUEUED);
        assertThat(runs.get(ofNeverBeating.id()).state()).as("a runner that never sent a heartbeat is not judged")
                .isEqualTo(RunState.QUEUED);
        assertThat(runs.failAbandoned(B)).as("each run is failed once").isZero();

        // A was only slow: its late result does not overwrite the record others made
        failure(() -> runs.finishBuild(building.id(), RunTests.buildResult(building.id(), false)), ErrorCode.CONFLICT);
        assertThat(runs.detail(building.id()).checks()).isEmpty();
    }

    @Test
    void aBuildOfASilentRunnerNoLongerHoldsTheProductsNextBuildBack() {
        RunService runs = registry.runs();
        runs.heartbeat(A, SILENT_AFTER);
        Run first = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        runs.start(first.id());
        clock.advance(SILENT_AFTER);
        var conflict = failure(() -> runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, B),
                ErrorCode.CONFLICT);
        assertThat(conflict.details()).containsEntry("runId", first.id());

        clock.advance(Duration.ofMillis(1));
        Run next = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.SCHEDULE, B);
        assertThat(next.state()).isEqualTo(RunState.QUEUED);
        assertThat(runs.get(first.id())).satisfies(failed -> {
            assertThat(failed.state()).isEqualTo(RunState.FAILED);
            assertThat(failed.errorMessage()).startsWith("the server " + A + " that ran this run stopped answering");
        });
    }

    @Test
    void listingOrReadingRunsNeverShowsARunOfASilentRunnerAsGoingOn() {
        RunService runs = registry.runs();
        runs.heartbeat(A, SILENT_AFTER);
        Run orders = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        runs.start(orders.id());
        Run revenue = runs.create(admin(), RunKind.BUILD, "sales-daily-revenue", null, RunTrigger.REQUEST, A);
        assertThat(runs.detail(orders.id()).run().state()).isEqualTo(RunState.RUNNING);
        clock.advance(SILENT_AFTER.plusSeconds(1));

        assertThat(runs.detail(orders.id()).run().state()).isEqualTo(RunState.FAILED);
        assertThat(runs.get(revenue.id()).state()).as("failed with the other, in one statement")
                .isEqualTo(RunState.FAILED);
        runs.heartbeat(A, SILENT_AFTER);
        Run again = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        clock.advance(SILENT_AFTER.plusSeconds(1));
        assertThat(runs.list(new RunFilter("sales-orders", RunKind.BUILD, null), PageRequest.first()).items())
                .extracting(Run::id, Run::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(again.id(), RunState.FAILED),
                        org.assertj.core.groups.Tuple.tuple(orders.id(), RunState.FAILED));
    }

    @Test
    void aServerReadingItsOwnRunsNeverTakesThemForAbandoned() {
        RunService runs = registry.runs();
        runs.heartbeat(A, SILENT_AFTER);
        Run orders = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        runs.start(orders.id());
        clock.advance(SILENT_AFTER.plusSeconds(1)); // A's process paused past its limit, and now answers again

        assertThat(runs.detail(orders.id(), A).run().state()).isEqualTo(RunState.RUNNING);
        assertThat(runs.list(new RunFilter("sales-orders", RunKind.BUILD, null), PageRequest.first(), A).items())
                .extracting(Run::state).containsExactly(RunState.RUNNING);
        assertThatThrownBy(() -> runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A))
                .as("asked again on A, the build A is running stands in the way")
                .isInstanceOfSatisfying(PolderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining(orders.id());
        assertThat(runs.get(orders.id()).state()).isEqualTo(RunState.RUNNING);
        assertThat(runs.detail(orders.id(), B).run().state()).as("another server judges it").isEqualTo(RunState.FAILED);
    }

    @Test
    void aRunMayPublishOnlyWhileTheRegistryHoldsItAsRunningOnItsRunner() {
        RunService runs = registry.runs();
        runs.heartbeat(A, SILENT_AFTER);
        runs.heartbeat(B, SILENT_AFTER);
        Run build = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        assertThat(runs.claimPublish(build.id(), A)).as("queued, not running").isFalse();
        runs.start(build.id());
        assertThat(runs.claimPublish(build.id(), B)).as("another runner's run").isFalse();
        assertThat(runs.claimPublish(build.id(), A)).isTrue();
        assertThat(runs.get(build.id()).stage()).isEqualTo("publish");

        // A paused past its limit, but nobody failed its run yet: it is still A's, and A is alive again
        clock.advance(SILENT_AFTER.plusSeconds(1));
        runs.heartbeat(B, SILENT_AFTER);
        assertThat(runs.claimPublish(build.id(), A)).isTrue();
        assertThat(runs.failAbandoned(B)).as("the claim wrote A's heartbeat again: A has its silentAfter to publish")
                .isZero();
        clock.advance(SILENT_AFTER);
        runs.heartbeat(B, SILENT_AFTER);
        assertThat(runs.failAbandoned(B)).isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(runs.failAbandoned(B)).isEqualTo(1);
        assertThat(runs.claimPublish(build.id(), A)).as("failed by B: A must not publish").isFalse();
        assertThat(runs.progress(build.id(), "check", 10)).as("nor record progress").isFalse();
        Run failed = runs.get(build.id());
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.errorMessage()).startsWith("the server " + A + " that ran this run stopped answering");
        assertThat(runs.ended(List.of(build.id()))).containsExactly(build.id());
        assertThat(runs.ended(List.of())).isEmpty();
    }

    @Test
    void aClaimToPublishAndAnotherServerFailingTheRunNeverBothWin() throws Exception {
        RunService runs = registry.runs();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                runs.heartbeat(A, SILENT_AFTER);
                Run test = runs.create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST, A);
                runs.start(test.id());
                clock.advance(SILENT_AFTER.plusSeconds(1)); // A is silent: B may fail its run, A may claim it
                otherServer.runs().heartbeat(B, SILENT_AFTER);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> claim = pool.submit(() -> {
                    together.await(1, TimeUnit.MINUTES);
                    return runs.claimPublish(test.id(), A);
                });
                Future<Integer> failing = pool.submit(() -> {
                    together.await(1, TimeUnit.MINUTES);
                    return otherServer.runs().failAbandoned(B);
                });
                boolean granted = claim.get(1, TimeUnit.MINUTES);
                int failed = failing.get(1, TimeUnit.MINUTES);
                RunState state = runs.get(test.id()).state();
                assertThat(List.<Object>of(failed, state))
                        .as("round %d: granted %s, then runs failed %d, the run left %s", round, granted, failed, state)
                        .isEqualTo(granted ? List.of(0, RunState.RUNNING) : List.of(1, RunState.FAILED));
                if (granted) {
                    runs.fail(test.id(), ErrorCode.INTERNAL, "round over", "check");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runnersSilentForAWeekBeyondTheirLimitAreForgottenOnceNothingOfTheirsIsUnfinished() {
        RunService runs = registry.runs();
        runs.heartbeat(A, SILENT_AFTER);
        runs.heartbeat("host-c:/gone", SILENT_AFTER);
        runs.heartbeat("host-d:/patient", Duration.ofDays(2));
        Run left = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        clock.advance(RunService.FORGET_RUNNERS_AFTER.plus(SILENT_AFTER));
        runs.heartbeat(B, SILENT_AFTER);
        assertThat(runs.forgetSilentRunners()).as("at the limit, none").isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(runs.forgetSilentRunners()).as("host-c only: A has a run left queued").isEqualTo(1);
        assertThat(runners()).containsExactly(A, B, "host-d:/patient");
        assertThat(runs.failAbandoned(B)).isEqualTo(1);
        assertThat(runs.forgetSilentRunners()).isEqualTo(1);
        assertThat(runners()).containsExactly(B, "host-d:/patient");
        assertThat(runs.get(left.id()).state()).isEqualTo(RunState.FAILED);

        clock.advance(Duration.ofDays(1));
        assertThat(runs.forgetSilentRunners()).as("B beat a day ago, D said it may be silent two").isZero();
        runs.heartbeat(A, SILENT_AFTER);
        assertThat(runners()).as("a server that comes back is listed again").containsExactly(A, B, "host-d:/patient");
    }

    private List<String> runners() {
        return registry.database().read(handle -> handle.createQuery("SELECT runner FROM runners ORDER BY runner")
                .mapTo(String.class).list());
    }

    @Test
    void theStoreKeepsOneActiveBuildPerProductWhateverTheServers() {
        Run first = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        String second = new Ids(clock).next();
        // what another server's insert would do between this one's look and insert
        Throwable refused = catchThrowable(() -> registry.database().writeVoid(handle ->
                insertBuild(handle, second, first.productVersion(), B)));
        assertThat(registry.database().isUniqueViolation(refused)).as(String.valueOf(refused)).isTrue();
        registry.runs().create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST, B);
        registry.runs().create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST, B);
    }

    @Test
    void buildsAskedForAtTheSameInstantOnTwoServersLeaveExactlyOneQueued() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Callable<Run>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Registry server = i % 2 == 0 ? registry : otherServer;
            String runner = i % 2 == 0 ? A : B;
            calls.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                return server.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, runner);
            });
        }
        List<Run> queued = new ArrayList<>();
        List<PolderException> refused = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Run> outcome : pool.invokeAll(calls)) {
                try {
                    queued.add(outcome.get());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(PolderException.class);
                    refused.add((PolderException) e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(queued).hasSize(1);
        assertThat(refused).hasSize(threads - 1).allSatisfy(conflict -> {
            assertThat(conflict.code()).as(conflict.getMessage()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(conflict.details()).containsEntry("runId", queued.getFirst().id());
        });
    }

    @Test
    void migratingAStoreWithTwoActiveBuildsOfAProductKeepsTheOldestAndFailsTheOthers() {
        Run oldest = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        Run other = registry.runs().create(admin(), RunKind.BUILD, "sales-daily-revenue", null, RunTrigger.REQUEST, A);
        otherServer.close();
        // the store as it was before V8, where two servers could each have queued a build of sales-orders
        registry.database().writeVoid(handle -> {
            handle.execute("DROP INDEX runs_one_active_build");
            handle.execute("DROP TABLE runners");
            handle.execute("DELETE FROM flyway_schema_history WHERE version = '8'");
        });
        Ids ids = new Ids(clock);
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(1));
            String id = ids.next();
            duplicates.add(id);
            registry.database().writeVoid(handle -> insertBuild(handle, id, oldest.productVersion(), B));
        }
        registry.close();

        registry = Registry.open(jdbcUrl, clock);
        otherServer = Registry.open(jdbcUrl, clock);

        assertThat(registry.runs().get(oldest.id()).state()).isEqualTo(RunState.QUEUED);
        assertThat(registry.runs().get(other.id()).state()).isEqualTo(RunState.QUEUED);
        for (String duplicate : duplicates) {
            Run closed = registry.runs().get(duplicate);
            assertThat(closed.state()).isEqualTo(RunState.FAILED);
            assertThat(closed.errorCode()).isEqualTo("CONFLICT");
            assertThat(closed.finishedAt()).isEqualTo(closed.createdAt());
            assertThat(closed.errorMessage()).contains("while run " + oldest.id() + " was queued or running");
        }
        failure(() -> registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, B),
                ErrorCode.CONFLICT);
    }

    @Test
    void aRunIsFinishedWithItsResultsAndFindingsInOneCommit() {
        RunService runs = registry.runs();
        Run build = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        runs.start(build.id());
        List<RunState> seenMeanwhile = new ArrayList<>();
        RunFindings findings = (handle, productId) -> {
            seenMeanwhile.add(otherServer.runs().get(build.id()).state());
            seenMeanwhile.add(otherServer.runs().detail(build.id()).run().state());
            List<RunService.LatestCheck> latest = RunService.latestChecks(handle, productId);
            return latest.stream().filter(check -> check.outcome().equals("failed"))
                    .map(check -> "policy checks-pass (warning) warn: " + productId + " failed " + check.rule()).toList();
        };
        Run finished = runs.finishBuild(build.id(), RunTests.buildResult(build.id(), true), findings);

        assertThat(seenMeanwhile).as("not finished until its findings are written")
                .containsExactly(RunState.RUNNING, RunState.RUNNING);
        assertThat(finished.state()).isEqualTo(RunState.FAILED);
        assertThat(finished.warnings()).as("the findings saw the run's own new checks")
                .containsExactly("policy checks-pass (warning) warn: sales-orders failed orders-row-count");
        assertThat(runs.detail(build.id()).checks()).hasSize(2);

        Run test = runs.create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST, A);
        CheckRun checks = RunTests.buildResult(test.id(), false).ports().getFirst().checks();
        seenMeanwhile.clear();
        Run tested = runs.finishTest(test.id(), List.of(checks), 500, (handle, productId) -> {
            seenMeanwhile.add(otherServer.runs().get(test.id()).state());
            return List.of("policy owner-named (error) fail: " + productId);
        });
        assertThat(seenMeanwhile).containsExactly(RunState.QUEUED);
        assertThat(tested.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(tested.warnings()).containsExactly("policy owner-named (error) fail: sales-orders");
    }

    @Test
    void findingsThatCannotBeReadLeaveTheRunFinishedSayingSo() {
        RunService runs = registry.runs();
        Run build = runs.create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST, A);
        // a failed statement: on PostgreSQL it aborts the transaction, which is then undone and written again
        Run finished = runs.finishBuild(build.id(), RunTests.buildResult(build.id(), false), (handle, productId) ->
                handle.createQuery("SELECT no_such_column FROM runs").mapTo(String.class).list());
        assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(finished.warnings()).singleElement().satisfies(warning -> assertThat(warning)
                .startsWith("the policies in force could not be evaluated after this run: "));
        RunDetail detail = runs.detail(build.id());
        assertThat(detail.checks()).hasSize(2);
        assertThat(detail.ports()).hasSize(1);
        assertThat(detail.lineage()).hasSize(2);
    }

    /** A queued build of sales-orders as {@link RunService} writes it, without the service's look for another. */
    private void insertBuild(Handle handle, String id, String version, String runner) {
        handle.createUpdate(RunService.INSERT_RUN).bind("id", id).bind("kind", "build").bind("product", "sales-orders")
                .bind("version", version).bind("port", (String) null).bind("trigger", "request")
                .bind("by", "root-admin").bind("now", clock.millis()).bind("runner", runner).execute();
    }

    @Test
    void theRegistryTimeIsTheDatabasesClock() {
        long before = System.currentTimeMillis();
        long store = registry.database().clock().millis();
        long after = System.currentTimeMillis();
        // the test's database runs on this machine, so its clock is this machine's (within its rounding)
        assertThat(store).isBetween(before - 1, after + 1);
    }
}
