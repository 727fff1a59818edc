package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.ProgressListener;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.RetentionResult;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.SnapshotState;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildResult;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.CheckRunOutcome;
import io.polder.spi.exceptions.BuildInterruptedException;
import io.polder.spi.exceptions.ConcurrentBuildException;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract run ({@code polder test}) and a build, publication or retention of the same product never overlap: the
 * check holds the product's lock as they do, so it neither reads a snapshot being deleted nor writes a status over a
 * publication's (or under one). Whichever comes second waits for the first; a build beside another build still fails
 * at once. Each race is held at a precise point by a progress listener that waits on a latch.
 */
class ConcurrentCheckTest {
    private static final long WAIT = 60;

    @TempDir
    Path data;
    private Path csv;
    private Engine engine;
    private SnapshotId good;
    /** Threads of their own: the common pool may have one thread, which a paused run would hold. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void buildAGoodSnapshot() {
        csv = KitFixtures.write(data.resolve("kit-sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        good = engine.build(KitFixtures.buildOrders(csv), null).port(ORDERS).orElseThrow().snapshot();
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        engine.close();
    }

    @Test
    void aCheckDuringABuildWaitsForItAndThenChecksWhatTheBuildPublished() throws Exception {
        CountDownLatch buildChecking = new CountDownLatch(1);
        CountDownLatch releaseBuild = new CountDownLatch(1);
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> engine.build(
                KitFixtures.buildOrders(csv), pauseAt(Stage.CHECK, buildChecking, releaseBuild)), threads);
        assertThat(buildChecking.await(WAIT, TimeUnit.SECONDS)).as("the build has sealed its candidate").isTrue();

        CountDownLatch checkWaiting = new CountDownLatch(1);
        CompletableFuture<CheckRun> check = CompletableFuture.supplyAsync(() -> engine.check(published(), progress -> {
            if (progress.stage() == Stage.WAITING && progress.subject().equals(Stage.WAITING_FOR_BUILD)) {
                checkWaiting.countDown();
            }
        }), threads);
        assertThat(checkWaiting.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(check).as("the build holds the product until it has ended").isNotDone();
        assertThat(engine.checks(ORDERS, good).orElseThrow().runId()).as("nothing written meanwhile")
                .isEqualTo(snapshot(good).runId());

        releaseBuild.countDown();
        BuildResult built = build.get(WAIT, TimeUnit.SECONDS);
        CheckRun checked = check.get(WAIT, TimeUnit.SECONDS);

        SnapshotId fresh = built.port(ORDERS).orElseThrow().snapshot();
        assertThat(built.succeeded()).as(String.valueOf(built.failure())).isTrue();
        assertThat(checked.snapshot()).as("the check read the pointer once the build had moved it").isEqualTo(fresh);
        assertPointerAndStatusesAgree(fresh);
        assertThat(engine.checks(ORDERS, fresh).orElseThrow().runId()).isEqualTo(checked.runId());
        assertThat(engine.checks(ORDERS, good).orElseThrow().runId()).isEqualTo(snapshot(good).runId());
    }

    @Test
    void aBuildDuringACheckWaitsForItAndTheCheckRecordsItsResultFirst() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch releaseCheck = new CountDownLatch(1);
        CompletableFuture<CheckRun> check = CompletableFuture.supplyAsync(() -> engine.check(published(),
                progress -> {
                    if (progress.message().startsWith("checked ")) {
                        await(releaseCheck, checked);
                    }
                }), threads);
        assertThat(checked.await(WAIT, TimeUnit.SECONDS)).as("the check has run its rules, not yet recorded them")
                .isTrue();

        CountDownLatch buildWaiting = new CountDownLatch(1);
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> engine.build(
                KitFixtures.buildOrders(csv), progress -> {
                    if (progress.message().equals("waiting for the contract run of product kit-orders that is running"
                            + " to end")) {
                        buildWaiting.countDown();
                    }
                }), threads);
        assertThat(buildWaiting.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(build).as("the check holds the product until it has recorded its result").isNotDone();

        releaseCheck.countDown();
        CheckRun run = check.get(WAIT, TimeUnit.SECONDS);
        BuildResult built = build.get(WAIT, TimeUnit.SECONDS);

        assertThat(run.snapshot()).isEqualTo(good);
        assertThat(engine.checks(ORDERS, good).orElseThrow().runId()).isEqualTo(run.runId());
        assertThat(built.succeeded()).as(String.valueOf(built.failure())).isTrue();
        SnapshotId fresh = built.port(ORDERS).orElseThrow().snapshot();
        assertPointerAndStatusesAgree(fresh);
        assertThat(warehouse().status(ORDERS, good).checkedAt()).as("the check's result, kept by the publication after it")
                .isEqualTo(run.startedAt());
    }

    @Test
    void publicationAndRetentionStartedDuringACheckDoNotFail() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch releaseCheck = new CountDownLatch(1);
        CompletableFuture<CheckRun> check = CompletableFuture.supplyAsync(() -> engine.check(published(),
                progress -> {
                    if (progress.message().startsWith("checked ")) {
                        await(releaseCheck, checked);
                    }
                }), threads);
        assertThat(checked.await(WAIT, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<SnapshotInfo> republish = CompletableFuture.supplyAsync(() -> engine.publish(ORDERS, good),
                threads);
        CompletableFuture<RetentionResult> retention = CompletableFuture.supplyAsync(() -> engine.applyRetention(ORDERS,
                new RetentionPolicy(1, null)), threads);
        releaseCheck.countDown();

        CheckRun run = check.get(WAIT, TimeUnit.SECONDS);
        assertThat(republish.get(WAIT, TimeUnit.SECONDS).state()).isEqualTo(SnapshotState.PUBLISHED);
        assertThat(retention.get(WAIT, TimeUnit.SECONDS).kept()).containsExactly(good);
        assertThat(engine.checks(ORDERS, good).orElseThrow().runId()).isEqualTo(run.runId());
        assertPointerAndStatusesAgree(good);
    }

    @Test
    void theLockOfAPublicationOrRetentionWaitsForAContractRunAlsoOfAnotherEngineOverTheWarehouse() throws Exception {
        Warehouse other = new Warehouse(data.resolve("warehouse"));
        Warehouse.ProductLock contractRun = warehouse().lockForContractRun("kit-orders", () -> { });
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> publication = CompletableFuture.runAsync(() -> {
            try (Warehouse.ProductLock held = other.lock("kit-orders", waiting::countDown)) {
                assertThat(warehouse().tryLockProduct("kit-orders")).isEmpty();
            }
        }, threads);
        assertThat(waiting.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(publication).isNotDone();
        assertThat(other.tryLockProduct("kit-orders")).isEmpty();

        contractRun.close();
        publication.get(WAIT, TimeUnit.SECONDS);
        try (Warehouse.ProductLock build = other.lock("kit-orders")) {
            assertThatThrownBy(() -> warehouse().lock("kit-orders")).as("a build is not waited for")
                    .isInstanceOf(ConcurrentBuildException.class);
        }
    }

    /**
     * The moment a server meets on every build with a test waiting: the build lets the product go (the engine's
     * build has ended) and takes it again at once to publish (the registry granted it), while the contract run
     * that waited takes it in between, or is just letting it go. Whichever wins, the publication waits for the
     * contract run; it never takes it for another build and fails. Each round ends with the contract run done.
     */
    @Test
    void aPublicationRightAfterItsBuildWaitsForTheContractRunThatWasWaitingHoweverTheyInterleave() throws Exception {
        Warehouse warehouse = warehouse();
        int failed = 0;
        for (int round = 0; round < 300; round++) {
            Warehouse.ProductLock build = warehouse.lock("kit-orders");
            CountDownLatch checkWaiting = new CountDownLatch(1);
            CompletableFuture<Void> check = CompletableFuture.runAsync(() -> {
                try (Warehouse.ProductLock held = warehouse.lockForContractRun("kit-orders", checkWaiting::countDown)) {
                    Thread.onSpinWait();
                }
            }, threads);
            assertThat(checkWaiting.await(WAIT, TimeUnit.SECONDS)).isTrue();
            build.close();
            try (Warehouse.ProductLock publication = warehouse.lock("kit-orders")) {
                assertThat(publication).isNotNull();
            } catch (ConcurrentBuildException e) {
                failed++;
            }
            check.get(WAIT, TimeUnit.SECONDS);
        }
        assertThat(failed).as("publications refused as if a build held the product, in 300 rounds").isZero();
    }

    @Test
    void aBuildFailsAtOnceWhileAnotherBuildHoldsTheProductEvenWithACheckWaiting() throws Exception {
        CountDownLatch buildChecking = new CountDownLatch(1);
        CountDownLatch releaseBuild = new CountDownLatch(1);
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> engine.build(
                KitFixtures.buildOrders(csv), pauseAt(Stage.CHECK, buildChecking, releaseBuild)), threads);
        assertThat(buildChecking.await(WAIT, TimeUnit.SECONDS)).isTrue();
        CountDownLatch checkWaiting = new CountDownLatch(1);
        CompletableFuture<CheckRun> check = CompletableFuture.supplyAsync(() -> engine.check(published(),
                progress -> checkWaiting.countDown()), threads);
        assertThat(checkWaiting.await(WAIT, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> engine.build(KitFixtures.buildOrders(csv), null))
                .isInstanceOf(ConcurrentBuildException.class).hasMessageContaining("is being built");

        releaseBuild.countDown();
        SnapshotId fresh = build.get(WAIT, TimeUnit.SECONDS).port(ORDERS).orElseThrow().snapshot();
        assertThat(check.get(WAIT, TimeUnit.SECONDS).snapshot()).isEqualTo(fresh);
        assertPointerAndStatusesAgree(fresh);
    }

    @Test
    void aCheckInterruptedWhileItWaitsEndsAndLeavesTheProductFree() throws Exception {
        CountDownLatch buildChecking = new CountDownLatch(1);
        CountDownLatch releaseBuild = new CountDownLatch(1);
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> engine.build(
                KitFixtures.buildOrders(csv), pauseAt(Stage.CHECK, buildChecking, releaseBuild)), threads);
        assertThat(buildChecking.await(WAIT, TimeUnit.SECONDS)).isTrue();

        CountDownLatch checkWaiting = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread checker = new Thread(() -> {
            try {
                engine.check(published(), progress -> checkWaiting.countDown());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        checker.start();
        assertThat(checkWaiting.await(WAIT, TimeUnit.SECONDS)).isTrue();
        checker.interrupt();
        checker.join(TimeUnit.SECONDS.toMillis(WAIT));

        assertThat(failure.get()).isInstanceOf(BuildInterruptedException.class)
                .hasMessageContaining("interrupted while waiting for the run that holds product kit-orders");
        releaseBuild.countDown();
        SnapshotId fresh = build.get(WAIT, TimeUnit.SECONDS).port(ORDERS).orElseThrow().snapshot();
        assertThat(engine.check(published(), null).snapshot()).isEqualTo(fresh);
        assertPointerAndStatusesAgree(fresh);
    }

    @Test
    void aCheckCalledFromTheBuildThatHoldsTheProductIsRefusedRatherThanWaitingForItself() throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        BuildResult built = engine.build(KitFixtures.buildOrders(csv), progress -> {
            if (progress.stage() == Stage.CHECK && refused.get() == null) {
                try {
                    engine.check(published(), null);
                    refused.set(new AssertionError("the check ran inside the build"));
                } catch (RuntimeException e) {
                    refused.set(e);
                }
            }
        });

        assertThat(refused.get()).isInstanceOf(ConcurrentBuildException.class);
        assertThat(built.succeeded()).as(String.valueOf(built.failure())).isTrue();
    }

    /** The pointer names {@code published}, its status says so with the pointer's time, and no other snapshot does. */
    private void assertPointerAndStatusesAgree(SnapshotId published) {
        Warehouse warehouse = warehouse();
        PublishedPointer pointer = warehouse.pointer(ORDERS).orElseThrow();
        assertThat(pointer.snapshot()).isEqualTo(published.value());
        SnapshotStatus status = warehouse.status(ORDERS, published);
        assertThat(status.publishedAt()).isEqualTo(pointer.publishedAt());
        assertThat(status.checkOutcome()).isNotNull().isNotEqualTo(CheckRunOutcome.FAILED);
        assertThat(status.quarantined()).isFalse();
        for (SnapshotInfo info : engine.snapshots(ORDERS)) {
            assertThat(info.state()).as(info.id().value()).isEqualTo(info.id().equals(published)
                    ? SnapshotState.PUBLISHED : SnapshotState.SUPERSEDED);
            SnapshotStatus other = warehouse.status(ORDERS, info.id());
            if (!info.id().equals(published)) {
                assertThat(other.publishedAt()).as("published before").isBeforeOrEqualTo(pointer.publishedAt());
            }
        }
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(published);
    }

    private Warehouse warehouse() {
        return ((DuckDbEngine) engine).warehouse();
    }

    private SnapshotInfo snapshot(SnapshotId id) {
        Optional<SnapshotInfo> found = engine.snapshots(ORDERS).stream().filter(info -> info.id().equals(id)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no snapshot " + id + " in " + engine.snapshots(ORDERS)));
    }

    private static CheckRequest published() {
        return new CheckRequest(null, ORDERS, KitFixtures.contract(KitFixtures.ORDERS_CONTRACT), null, null);
    }

    /** A progress listener that, at the first progress of {@code stage}, counts {@code reached} down and waits. */
    private static ProgressListener pauseAt(Stage stage, CountDownLatch reached, CountDownLatch release) {
        return progress -> {
            if (progress.stage() == stage && reached.getCount() > 0) {
                await(release, reached);
            }
        };
    }

    private static void await(CountDownLatch release, CountDownLatch reached) {
        reached.countDown();
        try {
            if (!release.await(WAIT, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
