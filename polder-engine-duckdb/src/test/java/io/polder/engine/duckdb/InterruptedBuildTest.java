package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.DAILY;
import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polder.error.ErrorCode;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildResult;
import io.polder.spi.exceptions.ConcurrentBuildException;
import io.polder.spi.testkit.KitFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that is interrupted, killed with its process, or that fills the disk never touches the published
 * snapshot; and a product is built by one build at a time.
 */
class InterruptedBuildTest {
    @TempDir
    Path data;
    private Path csv;
    private Engine engine;
    private SnapshotId good;

    @BeforeEach
    void buildAGoodSnapshot() {
        csv = KitFixtures.write(data.resolve("kit-sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        good = engine.build(KitFixtures.buildOrders(csv), null).port(ORDERS).orElseThrow().snapshot();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void anInterruptedBuildLeavesThePublishedSnapshotAndNoLeftovers() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        AtomicReference<Thread> builder = new AtomicReference<>();
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> {
            builder.set(Thread.currentThread());
            return engine.build(SlowBuild.request(csv), progress -> {
                if (progress.stage() == Stage.WRITE) {
                    writing.countDown();
                }
            });
        });
        assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        builder.get().interrupt();

        BuildResult result = build.get(60, TimeUnit.SECONDS);

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(result.failure().message()).contains("interrupted");
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::id).containsExactly(good);
        assertThat(partials()).isEmpty();
    }

    @Test
    void aProductIsBuiltByOneBuildAtATimeButOthersGoOn() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        AtomicReference<Thread> builder = new AtomicReference<>();
        CompletableFuture<BuildResult> slow = CompletableFuture.supplyAsync(() -> {
            builder.set(Thread.currentThread());
            return engine.build(SlowBuild.request(csv), progress -> {
                if (progress.stage() == Stage.WRITE) {
                    writing.countDown();
                }
            });
        });
        assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> engine.build(KitFixtures.buildOrders(csv), null))
                .isInstanceOf(ConcurrentBuildException.class)
                .satisfies(e -> assertThat(((ConcurrentBuildException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> engine.publish(ORDERS, good)).isInstanceOf(ConcurrentBuildException.class);
        assertThat(engine.build(KitFixtures.buildDaily(), null).succeeded()).as("another product builds meanwhile").isTrue();
        assertThat(engine.describe(DAILY, "daily").rows()).isEqualTo(4);

        builder.get().interrupt();
        slow.get(60, TimeUnit.SECONDS);
        assertThat(engine.build(KitFixtures.buildOrders(csv), null).succeeded()).isTrue();
    }

    /**
     * DuckDB 2.0 hands a COPY's Parquet writes to asynchronous I/O threads, and aborting the COPY while one of those
     * writes is in flight deadlocks inside DuckDB: the interrupted build above then never ended, in about one run of
     * three beside two busy loops, though its statement had been cancelled. A session has no such threads.
     */
    @Test
    void aBuildWritesOnItsStatementsOwnThreadsSoACancelledWriteEnds() throws Exception {
        try (DuckDbSession session = ((DuckDbEngine) engine).openSession()) {
            assertThat(session.scalar("SELECT current_setting('async_threads')")).isEqualTo("0");
        }
    }

    @Test
    void aStatementRunningWhenTheEngineClosesIsCancelled() throws Exception {
        AtomicReference<Path> table = new AtomicReference<>();
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> engine.build(SlowBuild.request(csv),
                progress -> {
                    if (progress.stage() == Stage.WRITE && progress.rows() < 0) {
                        table.set(Warehouse.tableFile(((DuckDbEngine) engine).warehouse().partialDirectory(ORDERS,
                                progress.snapshot()), progress.subject()));
                    }
                }));
        waitUntilWritten(table);

        engine.close();

        BuildResult result = build.get(60, TimeUnit.SECONDS);
        assertThat(result.failure().message()).contains("the engine is closing");
        assertThat(partials()).isEmpty();
    }

    @Test
    void aBuildKilledWithItsProcessLeavesThePublishedSnapshotIntact() throws Exception {
        engine.close();
        Process child = new ProcessBuilder(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SlowBuild.class.getName(), data.toString(), csv.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = waitFor(output, "WRITING");
            assertThat(line).as("the child started writing").startsWith("WRITING");
            Thread.sleep(500);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(partials()).as("the killed build left its partial snapshot").isNotEmpty();
        assertThat(temporaryFolders()).as("and DuckDB's temporary folder").isNotEmpty();

        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        assertThat(temporaryFolders()).as("a new engine clears what no running build holds").isEmpty();
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::id).containsExactly(good);
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
        assertThat(engine.check(io.polder.spi.check.CheckRequest.published(ORDERS,
                KitFixtures.contract(KitFixtures.ORDERS_CONTRACT)), null).blocksPublishing()).isFalse();

        assertThat(engine.build(KitFixtures.buildOrders(csv), null).succeeded()).as("the lock died with the process").isTrue();
        assertThat(partials()).as("the next build cleared the leftovers").isEmpty();
    }

    @Test
    void aStorageFailureWhileWritingFailsTheBuildClearly() {
        BuildResult result = engine.build(KitFixtures.buildOrders(csv), progress -> {
            if (progress.stage() == Stage.WRITE && progress.rows() < 0) {
                // the candidate's folder vanishes under the writer, as on a disk that was unmounted
                Warehouse.deleteQuietly(((DuckDbEngine) engine).warehouse().partialDirectory(ORDERS, progress.snapshot()));
            }
        });

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(result.failure().stage()).isEqualTo(Stage.WRITE);
        assertThat(result.failure().message()).contains("writing table orders");
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::id).containsExactly(good);
        assertThat(partials()).isEmpty();
    }

    @Test
    void aLinkFromTheCandidateFolderToElsewhereIsRefused() {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs /dev/full");
        List<String> linked = new ArrayList<>();

        BuildResult result = engine.build(KitFixtures.buildOrders(csv), progress -> {
            if (progress.stage() == Stage.WRITE && progress.rows() < 0) {
                Path file = Warehouse.tableFile(((DuckDbEngine) engine).warehouse().partialDirectory(ORDERS,
                        progress.snapshot()), progress.subject());
                try {
                    Files.createSymbolicLink(file, devFull);
                    linked.add(file.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        assertThat(linked).hasSize(1);
        assertThat(result.failure().code()).as("the session resolves links before it checks a path")
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
    }

    /** Until the COPY of {@code table} has written its first bytes: the statement is running in DuckDB. */
    private static void waitUntilWritten(AtomicReference<Path> table) throws InterruptedException {
        for (int look = 0; look < 600; look++) {
            Path file = table.get();
            if (file != null && Files.isRegularFile(file) && file.toFile().length() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the write of " + table.get() + " did not start within a minute");
    }

    private static String waitFor(BufferedReader output, String prefix) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return "child ended without " + prefix;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private List<Path> temporaryFolders() {
        try (Stream<Path> entries = Files.list(data.resolve("tmp"))) {
            return entries.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Path> partials() {
        try (Stream<Path> walk = Files.walk(data.resolve("warehouse"))) {
            return walk.filter(path -> path.getFileName().toString().endsWith(Warehouse.PARTIAL)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
