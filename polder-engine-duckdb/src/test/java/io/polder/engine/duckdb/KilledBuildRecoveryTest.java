package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.SnapshotState;
import io.polder.spi.build.BuildResult;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRunOutcome;
import io.polder.spi.exceptions.ConcurrentBuildException;
import io.polder.spi.exceptions.PublishRejectedException;
import io.polder.spi.testkit.KitFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a build or a publication killed at a precise point leaves, and what the next engine (or the next build of
 * the product) makes of it, each after a good build of kit-orders: a candidate sealed but never checked is
 * quarantined as abandoned, saying so, and can never be published; a kill between moving the pointer and writing
 * the status, or an older engine's kill before the pointer moved, does not make a snapshot look published when it
 * was not, nor unpublished when it was; the temporary files of metadata writes that were never renamed are
 * deleted, but not one that a live writer holds, nor anything of a product that a running build holds. The last
 * good snapshot stays published, byte for byte.
 */
class KilledBuildRecoveryTest {
    @TempDir
    Path data;
    private Path csv;
    private Engine engine;
    private SnapshotId good;
    private Map<String, String> goodFiles;

    @BeforeEach
    void buildAGoodSnapshot() {
        csv = KitFixtures.write(data.resolve("sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = start();
        BuildResult first = engine.build(KitFixtures.buildOrders(csv), null);
        assertThat(first.succeeded()).as(String.valueOf(first.failure())).isTrue();
        good = first.port(ORDERS).orElseThrow().snapshot();
        goodFiles = BadInputTest.fingerprint(warehouse().snapshotDirectory(ORDERS, good));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aBuildKilledBetweenSealingAndCheckingLeavesACandidateThatIsAbandonedAndNeverPublished() throws Exception {
        engine.close();
        SnapshotId killed = SnapshotId.parse(runKilledAt("check"));
        Path folder = warehouse().snapshotDirectory(ORDERS, killed);
        assertThat(folder.resolve("manifest.json")).as("the candidate was sealed").isRegularFile();
        assertThat(folder.resolve("status.json")).as("and never checked").doesNotExist();

        engine = start();

        SnapshotInfo abandoned = snapshot(killed);
        assertThat(abandoned.state()).isEqualTo(SnapshotState.QUARANTINED);
        assertThat(abandoned.checkOutcome()).isNull();
        assertThat(abandoned.note()).startsWith("abandoned: build run " + abandoned.runId() + " stopped")
                .contains("before its contract check was recorded").contains("never published");
        assertGoodSnapshotIsPublished();
        assertThatThrownBy(() -> engine.publish(ORDERS, killed)).isInstanceOf(PublishRejectedException.class)
                .hasMessageContaining("quarantined (abandoned: build run");

        assertThat(engine.check(new CheckRequest(null, ORDERS, KitFixtures.contract(KitFixtures.ORDERS_CONTRACT), killed,
                null), null).outcome()).as("its data is the good data").isNotEqualTo(CheckRunOutcome.FAILED);
        assertThat(snapshot(killed).state()).as("a check afterwards does not make it publishable")
                .isEqualTo(SnapshotState.QUARANTINED);
        assertThatThrownBy(() -> engine.publish(ORDERS, killed)).isInstanceOf(PublishRejectedException.class);

        BuildResult next = engine.build(KitFixtures.buildOrders(csv), null);
        assertThat(next.succeeded()).as(String.valueOf(next.failure())).isTrue();
        assertThat(snapshot(killed).state()).isEqualTo(SnapshotState.QUARANTINED);
    }

    @Test
    void whatABuildRunningInAnotherProcessMayStillCheckIsLeftAloneUntilItsProcessIsGone() throws Exception {
        engine.close();
        Process running = new ProcessBuilder(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SlowBuild.class.getName(), data.toString(), csv.toString())
                .redirectErrorStream(true).start();
        SnapshotId unchecked;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            String writing = output.readLine();
            while (writing != null && !writing.startsWith("WRITING ")) {
                writing = output.readLine();
            }
            assertThat(writing).as("the other process builds kit-orders").startsWith("WRITING ");
            Path itsPartial = warehouse().partialDirectory(ORDERS, SnapshotId.parse(writing.substring("WRITING ".length())));
            // as if it had sealed this one and were about to check it
            unchecked = sealCopyOfGood("running-run");
            Path temporary = write(warehouse().snapshotDirectory(ORDERS, unchecked)
                    .resolve(".status.json." + UUID.randomUUID() + ".tmp"), "");

            engine = start();

            SnapshotInfo candidate = snapshot(unchecked);
            assertThat(candidate.state()).isEqualTo(SnapshotState.CANDIDATE);
            assertThat(candidate.note()).isNull();
            assertThat(itsPartial).as("its partial snapshot").isDirectory();
            assertThat(temporary).as("and whatever temporary file of its product").exists();
            assertGoodSnapshotIsPublished();
            running.destroyForcibly();
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            running.destroyForcibly();
        }

        BuildResult next = engine.build(KitFixtures.buildOrders(csv), null);

        assertThat(next.succeeded()).as(String.valueOf(next.failure())).isTrue();
        SnapshotInfo abandoned = snapshot(unchecked);
        assertThat(abandoned.state()).isEqualTo(SnapshotState.QUARANTINED);
        assertThat(abandoned.note()).startsWith("abandoned: build run running-run stopped");
        assertThat(snapshot(good).state()).isEqualTo(SnapshotState.SUPERSEDED);
        assertThat(BadInputTest.fingerprint(warehouse().snapshotDirectory(ORDERS, good))).isEqualTo(goodFiles);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aProductHeldInThisProcessIsNotLockedAgainThroughAnotherWarehouseOrTheSameThread() throws Exception {
        Warehouse one = warehouse();
        Warehouse another = warehouse();
        try (Warehouse.ProductLock held = one.lock(ORDERS.productId())) {
            assertThat(one.tryLockProduct(ORDERS.productId())).as("not twice by one thread").isEmpty();
            assertThat(CompletableFuture.supplyAsync(() -> another.tryLockProduct(ORDERS.productId()).isPresent())
                    .get(30, TimeUnit.SECONDS)).as("nor by another thread, through another warehouse").isFalse();
            assertThatThrownBy(() -> engine.build(KitFixtures.buildOrders(csv), null))
                    .isInstanceOf(ConcurrentBuildException.class);
        }
        try (Warehouse.ProductLock again = another.lock(ORDERS.productId())) {
            assertThat(again).isNotNull();
        }
        // through a symbolic link it is the same warehouse, so the same lock: a lock file opened a second time and
        // closed on refusal would release this process's lock for the other processes
        Path link = Files.createSymbolicLink(data.resolve("warehouse-link"), one.root());
        assertThat(new Warehouse(link).root()).isEqualTo(one.root());
    }

    @Test
    void aKillBetweenMovingThePointerAndWritingTheStatusLosesNoPublication() {
        SnapshotId second = engine.build(KitFixtures.buildOrders(csv).withoutPublishing(), null).port(ORDERS)
                .orElseThrow().snapshot();
        Instant publishedAt = Instant.parse("2026-01-02T03:04:05Z");
        // the pointer moved; the process died before the status said so
        warehouse().movePointer(ORDERS, new PublishedPointer(second.value(), publishedAt, good.value(), "publishing-run"));
        assertThat(warehouse().status(ORDERS, second).publishedAt()).isNull();

        SnapshotInfo published = snapshot(second);
        assertThat(published.state()).as("the pointer tells").isEqualTo(SnapshotState.PUBLISHED);
        assertThat(published.publishedAt()).isEqualTo(publishedAt);
        assertThat(snapshot(good).state()).isEqualTo(SnapshotState.SUPERSEDED);

        engine.close();
        engine = start();
        assertThat(warehouse().status(ORDERS, second).publishedAt()).as("the status is written back").isEqualTo(publishedAt);

        engine.publish(ORDERS, good);
        assertThat(snapshot(good).state()).isEqualTo(SnapshotState.PUBLISHED);
        assertThat(snapshot(second).state()).as("it was published, and is no candidate").isEqualTo(SnapshotState.SUPERSEDED);
        assertThat(snapshot(second).publishedAt()).isEqualTo(publishedAt);
    }

    @Test
    void aStatusClaimingAPublicationThatNoPointerEverRecordedIsRepaired() {
        PortBuildOf candidate = buildUnpublishedOnANewMajor();
        // an older engine wrote the status first, and was killed before the port's first pointer was written
        warehouse().writeStatus(candidate.port(), candidate.id(), warehouse().status(candidate.port(), candidate.id())
                .published(Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(engine.snapshots(candidate.port()).getFirst().state()).as("the lie").isEqualTo(SnapshotState.SUPERSEDED);

        engine.close();
        engine = start();

        SnapshotInfo repaired = engine.snapshots(candidate.port()).getFirst();
        assertThat(repaired.state()).isEqualTo(SnapshotState.CANDIDATE);
        assertThat(repaired.publishedAt()).isNull();
        assertThat(engine.publish(candidate.port(), candidate.id()).state()).as("it passed its checks")
                .isEqualTo(SnapshotState.PUBLISHED);
    }

    @Test
    void aStatusClaimingAPublicationLaterThanThePointersIsRepaired() {
        SnapshotId second = engine.build(KitFixtures.buildOrders(csv).withoutPublishing(), null).port(ORDERS)
                .orElseThrow().snapshot();
        Instant goodSince = snapshot(good).publishedAt();
        // an older engine wrote the status first, and was killed before the pointer moved from the good snapshot
        warehouse().writeStatus(ORDERS, second, warehouse().status(ORDERS, second).published(goodSince.plusSeconds(60)));
        assertThat(snapshot(second).state()).as("the lie").isEqualTo(SnapshotState.SUPERSEDED);

        engine.close();
        engine = start();

        assertThat(snapshot(second).state()).isEqualTo(SnapshotState.CANDIDATE);
        assertThat(snapshot(second).publishedAt()).isNull();
        assertGoodSnapshotIsPublished();
    }

    @Test
    void temporaryFilesOfKilledWritesAreClearedButNotOneBeingWritten() throws Exception {
        Path port = warehouse().portDirectory(ORDERS);
        Path snapshot = warehouse().snapshotDirectory(ORDERS, good);
        List<Path> killed = List.of(
                write(port.resolve(".published.json." + UUID.randomUUID() + ".tmp"), "{\"snapshot\": \"2026"),
                write(snapshot.resolve(".status.json." + UUID.randomUUID() + ".tmp"), ""),
                write(snapshot.resolve(".checks.json." + UUID.randomUUID() + ".tmp"), "{\"runId\": "));
        Path beingWritten = write(snapshot.resolve(".status.json." + UUID.randomUUID() + ".tmp"), "{\"quar");
        List<Path> notOurs = List.of(write(port.resolve(".published.json.tmp"), "kept"),
                write(port.resolve("notes.tmp"), "kept"), write(port.resolve(".status.json.1234.tmp"), "kept"));
        engine.close();

        try (FileChannel writer = FileChannel.open(beingWritten, StandardOpenOption.WRITE)) {
            writer.lock();
            engine = start();
            assertThat(killed).allSatisfy(file -> assertThat(file).doesNotExist());
            assertThat(beingWritten).as("its writer holds it").exists();
        }
        assertThat(notOurs).allSatisfy(file -> assertThat(file).hasContent("kept"));
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);

        BuildResult next = engine.build(KitFixtures.buildOrders(csv), null);

        assertThat(next.succeeded()).as(String.valueOf(next.failure())).isTrue();
        assertThat(beingWritten).as("the next build of the port clears it once nobody holds it").doesNotExist();
        assertThat(temporaryFiles()).as("and no write leaves one behind").isEmpty();
        assertThat(BadInputTest.fingerprint(snapshot)).isEqualTo(goodFiles);
    }

    @Test
    void theNextBuildClearsPartialAndHalfDeletedSnapshots() throws Exception {
        SnapshotId deleting = sealCopyOfGood("retention-run");
        Path doomed = warehouse().snapshotsDirectory(ORDERS).resolve(".deleting-" + deleting.value());
        Files.move(warehouse().snapshotDirectory(ORDERS, deleting), doomed);
        Path partial = warehouse().createPartial(ORDERS, ((DuckDbEngine) engine).nextSnapshotId());
        write(partial.resolve("orders.parquet"), "half a file");

        engine.close();
        engine = start();

        assertThat(doomed).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::id).containsExactly(good);
        assertGoodSnapshotIsPublished();
    }

    /** A sealed candidate with the good snapshot's data, written by run {@code runId}, as a killed build leaves it. */
    private SnapshotId sealCopyOfGood(String runId) {
        SnapshotId id = ((DuckDbEngine) engine).nextSnapshotId();
        Path partial = warehouse().createPartial(ORDERS, id);
        SnapshotManifest manifest = warehouse().manifest(ORDERS, good).orElseThrow();
        try {
            Files.copy(Warehouse.tableFile(warehouse().snapshotDirectory(ORDERS, good), "orders"),
                    Warehouse.tableFile(partial, "orders"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        warehouse().complete(ORDERS, id, new SnapshotManifest(id.value(), ORDERS.toString(), runId, Instant.now(),
                manifest.contractId(), manifest.contractVersion(), manifest.tables()));
        return id;
    }

    private record PortBuildOf(io.polder.spi.PortRef port, SnapshotId id) {
    }

    /** Kit-orders as version 2.0.0 (a port of its own, never published), built without publishing. */
    private PortBuildOf buildUnpublishedOnANewMajor() {
        var definition = KitFixtures.orders(csv);
        var product = KitFixtures.product(KitFixtures.ORDERS_PRODUCT.replace("version: 1.0.0", "version: 2.0.0"));
        var contract = KitFixtures.contract(KitFixtures.ORDERS_CONTRACT.replace("version: 1.0.0", "version: 2.0.0"));
        BuildResult result = engine.build(io.polder.spi.build.BuildRequest.of(new io.polder.spi.build.ProductDefinition(
                product, List.of(contract), definition.buildFiles(), definition.settings()), List.of())
                .withoutPublishing(), null);
        assertThat(result.succeeded()).as(String.valueOf(result.failure())).isTrue();
        var port = result.ports().getFirst();
        assertThat(port.port().majorVersion()).isEqualTo(2);
        assertThat(engine.published(port.port())).isEmpty();
        return new PortBuildOf(port.port(), port.snapshot());
    }

    private String runKilledAt(String stage) throws Exception {
        Process child = new ProcessBuilder(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), KillingBuild.class.getName(), data.toString(), csv.toString(), stage)
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL: %s", output).isEqualTo(128 + 9);
        String killing = output.stream().filter(line -> line.startsWith("KILLING ")).findFirst()
                .orElseThrow(() -> new AssertionError("the build was not killed where asked: " + output));
        return killing.substring("KILLING ".length());
    }

    private void assertGoodSnapshotIsPublished() {
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
        assertThat(BadInputTest.fingerprint(warehouse().snapshotDirectory(ORDERS, good))).isEqualTo(goodFiles);
    }

    private SnapshotInfo snapshot(SnapshotId id) {
        Optional<SnapshotInfo> found = engine.snapshots(ORDERS).stream().filter(info -> info.id().equals(id)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no snapshot " + id + " in " + engine.snapshots(ORDERS)));
    }

    private List<Path> temporaryFiles() throws IOException {
        try (var walk = Files.walk(data.resolve("warehouse"))) {
            return walk.filter(path -> path.getFileName().toString().matches("\\..*\\.json\\.[0-9a-f-]{36}\\.tmp")).toList();
        }
    }

    private Engine start() {
        return new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
    }

    private Warehouse warehouse() {
        return new Warehouse(data.resolve("warehouse"));
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
