package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.registry.Registry;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunDetail;
import io.polder.registry.runs.RunFindings;
import io.polder.registry.runs.RunKind;
import io.polder.registry.runs.RunState;
import io.polder.registry.runs.RunTrigger;
import io.polder.registry.store.Database;
import io.polder.server.build.BuildService;
import io.polder.server.build.BuildSettings;
import io.polder.server.build.RunnerHeartbeat;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Engines;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotState;
import io.polder.spi.lineage.LineageJson;
import io.polder.spi.lineage.LineageListener;
import io.polder.spi.lineage.RunEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a server's build service publishes what it built, and orders the runs of one product: a real SQLite registry
 * and DuckDB engine, the engine wrapped to pause a build where the test says, fail a retention as a full disk would,
 * or act right after a publication; the registry's time is the test's clock, and can be made to fail as a database
 * that does not answer.
 */
class BuildPublishTest {
    private static final Principal ADMIN = Principal.platformAdmin("admin");
    private static final String ORDERS = "sales-orders";
    private static final PortRef ORDERS_PORT = new PortRef(ORDERS, "orders", 1);
    private static final Duration AWAIT = Duration.ofMinutes(5);
    private static final String RUNNER = "replica-a";

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:07:00Z"));
    private final FailingClock registryTime = new FailingClock(clock);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String jdbcUrl;
    private Path sources;
    private Registry registry;
    private PausingEngine engine;
    private ExecutorService workers;
    private BuildService builds;

    @BeforeEach
    void prepare() {
        jdbcUrl = "jdbc:sqlite:" + temp.resolve("polder.db");
        sources = temp.resolve("sources");
        ExampleMeshData.generate(sources, new DemoOptions(7, 500, 1_000, Instant.now()));
        registry = new Registry(Database.open(jdbcUrl), clock, registryTime);
        opened.add(registry);
        engine = new PausingEngine(Engines.create("duckdb", EngineConfig.of(Map.of("source-directory",
                sources.toString())), EngineContext.of(temp.resolve("warehouse"))));
        opened.add(engine);
        // two workers, as a server has by default
        workers = Executors.newFixedThreadPool(2);
        builds = new BuildService(registry.runs(), registry.buildDefinitions(), registry.access()::requireInputGrants,
                engine, workers, Clock.systemUTC(), RUNNER, RunFindings.NONE, LineageListener.NONE);
        opened.add(builds);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
    }

    @Test
    void aTestOfAProductBeingBuiltWaitsWithoutAWorkerForTheBuildAndTestsWhatItPublished() throws Exception {
        apply(Meshes.exampleWithPlatformFiles());
        SnapshotId before = buildOrders();

        engine.pauseNextBuild(PausingEngine.Where.IN_BUILD);
        Run held = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        engine.awaitPaused(); // the build holds the product's lock in the engine
        Run test = builds.test(ADMIN, ORDERS, null);
        Run other = builds.build(ADMIN, "customer-profiles", RunTrigger.REQUEST);

        RunDetail otherBuilt = builds.await(other.id(), Duration.ofMinutes(1));
        assertThat(otherBuilt.run().state().finished()).as("another product's build takes the free worker and ends: "
                + otherBuilt.run()).isTrue();
        assertThat(registry.runs().get(test.id()).state()).as("the test waits for the build, queued")
                .isEqualTo(RunState.QUEUED);

        engine.resume();
        RunDetail built = builds.await(held.id(), AWAIT);
        assertThat(built.run().state()).as(built.run().toString()).isEqualTo(RunState.SUCCEEDED);
        SnapshotId published = engine.published(ORDERS_PORT).orElseThrow().id();
        assertThat(published).isNotEqualTo(before);
        RunDetail tested = builds.await(test.id(), AWAIT);
        assertThat(tested.run().state()).as(tested.run().toString()).isEqualTo(RunState.SUCCEEDED);
        assertThat(tested.checks()).as("checked what the build published").isNotEmpty()
                .allSatisfy(check -> assertThat(check.snapshot()).isEqualTo(published.value()));
    }

    @Test
    void aTestThatWaitedForABuildWhileTheServerStoppedIsFailedInTheRegistry() throws Exception {
        apply(Meshes.exampleWithPlatformFiles());
        engine.pauseNextBuild(PausingEngine.Where.IN_BUILD);
        Run held = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        engine.awaitPaused();
        Run test = builds.test(ADMIN, ORDERS, null);

        workers.shutdown(); // the server stops: no more runs are taken, the build in progress finishes
        engine.resume();
        builds.close();

        assertThat(registry.runs().get(held.id()).state()).isEqualTo(RunState.SUCCEEDED);
        Run failed = builds.await(test.id(), AWAIT).run();
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("the server is stopping; the run was not started");
    }

    @Test
    void aRegistryThatCannotBeAskedForTheRightToPublishFailsTheBuildAtPublishWithItsChecks() throws Exception {
        apply(Meshes.exampleWithPlatformFiles());
        SnapshotId before = buildOrders();

        engine.pauseNextBuild(PausingEngine.Where.BEFORE_PUBLISH);
        Run run = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        engine.awaitPaused();
        registryTime.failing = true; // the database does not answer the claim
        engine.resume();
        RunDetail failed = builds.await(run.id(), AWAIT);
        registryTime.failing = false;

        assertThat(failed.run().state()).isEqualTo(RunState.FAILED);
        assertThat(failed.run().stage()).isEqualTo("publish");
        assertThat(failed.run().errorMessage()).startsWith("could not ask the registry for the right to publish")
                .contains("the database did not answer");
        assertThat(failed.ports()).singleElement().satisfies(port -> assertThat(port.outcome()).isEqualTo("candidate"));
        assertThat(failed.checks()).isNotEmpty();
        assertThat(registry.runs().lineageEvents(run.id()).getLast().eventType()).as("its lineage says it failed")
                .isEqualTo(RunEvent.EventType.FAIL);
        assertThat(registry.runs().lineageEvents(run.id())).noneMatch(event ->
                event.eventType() == RunEvent.EventType.COMPLETE);
        assertThat(LineageJson.write(registry.runs().lineageEvents(run.id()).getLast()))
                .contains("could not ask the registry for the right to publish");
        assertThat(engine.published(ORDERS_PORT).orElseThrow().id()).isEqualTo(before);
    }

    @Test
    void whilePublishingTheRunCountsTheRowsOfEveryTableOfThePort() throws Exception {
        apply(Meshes.exampleWithPlatformFiles());
        engine.pauseNextBuild(PausingEngine.Where.BEFORE_PUBLISH);
        Run run = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        engine.awaitPaused();
        java.util.concurrent.atomic.AtomicReference<Run> publishing = new java.util.concurrent.atomic.AtomicReference<>();
        engine.afterNextPublish(() -> publishing.set(registry.runs().get(run.id())));
        engine.resume();
        RunDetail built = builds.await(run.id(), AWAIT);
        assertThat(built.run().state()).as(built.run().toString()).isEqualTo(RunState.SUCCEEDED);

        List<io.polder.spi.TableInfo> tables = engine.published(ORDERS_PORT).orElseThrow().tables();
        assertThat(tables).as("orders and order_lines").hasSizeGreaterThan(1);
        long portRows = tables.stream().mapToLong(io.polder.spi.TableInfo::rows).sum();
        assertThat(publishing.get().stage()).isEqualTo("publish");
        assertThat(publishing.get().rows()).as("the port's rows, every table's").isEqualTo(portRows)
                .isEqualTo(built.run().rows());
    }

    @Test
    void aRetentionThatFailsAfterThePublishIsAWarningOfTheSucceededRun() {
        apply(Meshes.exampleWithPlatformFiles());
        engine.failNextRetention();
        RunDetail built = builds.await(builds.build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT);

        assertThat(built.run().state()).as(built.run().toString()).isEqualTo(RunState.SUCCEEDED);
        assertThat(built.run().warnings()).anySatisfy(warning -> assertThat(warning).startsWith("retention on ")
                .contains("failed after its snapshot").contains("no space left on the device"));
        assertThat(engine.published(ORDERS_PORT)).isPresent();
    }

    @Test
    void aClaimRefusedAfterAnEarlierPortWasPublishedStillTellsTheDownstreamBuilds() throws Exception {
        apply(withSecondOrdersPort(Meshes.exampleWithPlatformFiles()));
        RunnerHeartbeat heartbeat = new RunnerHeartbeat(registry.runs(), builds, BuildSettings.DEFAULT_HEARTBEAT,
                BuildSettings.DEFAULT_SILENT_AFTER);
        opened.add(heartbeat);
        heartbeat.beat();
        List<String> told = new CopyOnWriteArrayList<>();
        builds.onPublished(told::add);
        // once the first port is published, another server takes this one for silent and fails its run
        AtomicInteger failedElsewhere = new AtomicInteger();
        engine.afterNextPublish(() -> {
            clock.advance(BuildSettings.DEFAULT_SILENT_AFTER.plusSeconds(1));
            failedElsewhere.set(registry.runs().failAbandoned("replica-b"));
        });

        Run run = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        RunDetail ended = builds.await(run.id(), AWAIT);

        assertThat(failedElsewhere).hasValue(1);
        assertThat(ended.run().state()).isEqualTo(RunState.FAILED);
        assertThat(ended.run().errorMessage()).startsWith("the server replica-a that ran this run stopped answering");
        assertThat(engine.published(ORDERS_PORT)).as("the first port is published").isPresent();
        PortRef mirror = new PortRef(ORDERS, "orders-mirror", 1);
        assertThat(engine.published(mirror)).as("the second is refused").isEmpty();
        assertThat(engine.snapshots(mirror)).singleElement()
                .satisfies(candidate -> assertThat(candidate.state()).isEqualTo(SnapshotState.CANDIDATE));
        assertThat(told).as("downstream builds hear of the first port's publish").containsExactly(ORDERS);
    }

    @Test
    void aBeatWhoseInterruptingFailsStillFailsTheRunsOfSilentServers() throws Exception {
        apply(Meshes.exampleWithPlatformFiles());
        // this server's builds are recorded through a registry connection that breaks; its heartbeat's is sound
        Registry broken = Registry.open(jdbcUrl, clock);
        opened.add(broken);
        BuildService breaking = new BuildService(broken.runs(), broken.buildDefinitions(),
                broken.access()::requireInputGrants, engine, Executors.newSingleThreadExecutor(), Clock.systemUTC(),
                RUNNER, RunFindings.NONE, LineageListener.NONE);
        opened.add(breaking);
        RunnerHeartbeat heartbeat = new RunnerHeartbeat(registry.runs(), breaking, BuildSettings.DEFAULT_HEARTBEAT,
                BuildSettings.DEFAULT_SILENT_AFTER);
        opened.add(heartbeat);
        registry.runs().heartbeat("replica-gone", BuildSettings.DEFAULT_SILENT_AFTER);
        Run abandoned = registry.runs().create(ADMIN, RunKind.BUILD, "customer-profiles", null, RunTrigger.REQUEST,
                "replica-gone");
        heartbeat.beat();
        engine.pauseNextBuild(PausingEngine.Where.BEFORE_BUILD);
        Run working = breaking.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        engine.awaitPaused(); // a run this server works on: the beat asks the registry whether it ended
        broken.database().close();
        clock.advance(BuildSettings.DEFAULT_SILENT_AFTER.plusSeconds(1));

        RunnerHeartbeat.Beat beat = heartbeat.beat();

        assertThat(beat.stopped()).as("asking which runs ended failed").isZero();
        assertThat(beat.failed()).isEqualTo(1);
        assertThat(registry.runs().get(abandoned.id()).state()).isEqualTo(RunState.FAILED);
        assertThat(registry.runs().get(working.id()).state()).as("not interrupted").isEqualTo(RunState.RUNNING);
        engine.resume(); // its build goes on, and cannot record its end: the engine is closed under it at the end
    }

    private void apply(MeshBundle bundle) {
        registry.apply().apply(ADMIN, bundle, ApplyOptions.defaults());
    }

    /** Builds sales-orders; answers the snapshot it published. */
    private SnapshotId buildOrders() {
        RunDetail built = builds.await(builds.build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT);
        assertThat(built.run().state()).as(built.run().toString()).isEqualTo(RunState.SUCCEEDED);
        return engine.published(ORDERS_PORT).orElseThrow().id();
    }

    /** sales-orders with a second output port, orders-mirror, under the same contract as orders. */
    private static MeshBundle withSecondOrdersPort(MeshBundle bundle) {
        return Meshes.withFolder(bundle, "sales/sales-orders", product -> new MeshBundle.BundleProduct(product.path(),
                product.productYaml().replace("""
                        productCreatedTs:""", """
                          - name: orders-mirror
                            description: The orders again, for a second port.
                            type: tables
                            version: 1.2.0
                            contractId: sales-orders-orders
                        productCreatedTs:"""), product.contracts(), product.settingsYaml(), product.buildFiles()));
    }

    /** The registry's time: the test's clock, or a database that does not answer. */
    private static final class FailingClock extends Clock {
        private final Clock clock;
        volatile boolean failing;

        FailingClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            if (failing) {
                throw new IllegalStateException("the database did not answer the query of its time");
            }
            return clock.instant();
        }
    }
}
