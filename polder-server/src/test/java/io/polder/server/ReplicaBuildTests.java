package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.PageRequest;
import io.polder.registry.Registry;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunDetail;
import io.polder.registry.runs.RunFilter;
import io.polder.registry.runs.RunFindings;
import io.polder.registry.runs.RunState;
import io.polder.registry.runs.RunTrigger;
import io.polder.server.build.BuildService;
import io.polder.server.build.BuildSettings;
import io.polder.server.build.RunnerHeartbeat;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Engines;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotState;
import io.polder.spi.lineage.LineageListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two build services, each with its registry (its own connections), engine and warehouse, on one store: two server
 * replicas. The runs of a replica that stopped sending heartbeats are failed by the other, which builds the product
 * again; and a run finished by one replica is never read by the other without its policy findings. The registry's
 * time is the test's clock (the database's in production), moved by hand.
 */
abstract class ReplicaBuildTests {
    private static final Principal ADMIN = Principal.platformAdmin("admin");
    private static final String ORDERS = "sales-orders";
    private static final PortRef ORDERS_PORT = new PortRef(ORDERS, "orders", 1);
    private static final Duration AWAIT = Duration.ofMinutes(5);
    /** Warns on every run of sales-orders: what a finished run of it must be read with. */
    private static final String POLICY = """
            apiVersion: polder/v1
            kind: Policy
            id: orders-watched
            version: 1.0.0
            target: product
            severity: warning
            rule: product.id != 'sales-orders'
            message: "{{ product.id }} is watched"
            """;

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:07:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestDatabase database;
    private String jdbcUrl;
    private Path sources;

    abstract TestDatabase database();

    @BeforeEach
    void prepare() {
        database = database();
        String created = database.create(temp);
        jdbcUrl = created != null ? created : "jdbc:sqlite:" + temp.resolve("polder.db");
        sources = temp.resolve("sources");
        ExampleMeshData.generate(sources, new DemoOptions(7, 500, 1_000, Instant.now()));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
        database.drop();
    }

    @Test
    void aBuildLeftByAReplicaThatStoppedIsFailedByTheOtherWhichBuildsTheProductAgain() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        ExecutorService stalled = Executors.newSingleThreadExecutor();
        stalled.execute(() -> awaitQuietly(stopped)); // replica a takes no run until the end: as if it had died
        Replica a = replica("replica-a", stalled, registry -> RunFindings.NONE);
        Replica b = replica("replica-b", Executors.newFixedThreadPool(2), registry -> RunFindings.NONE);
        a.registry().apply().apply(ADMIN, Meshes.exampleWithPlatformFiles(), ApplyOptions.defaults());
        a.heartbeat().beat();
        b.heartbeat().beat();
        Run left = a.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST);

        assertThatThrownBy(() -> b.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST))
                .isInstanceOfSatisfying(PolderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.details()).containsEntry("runId", left.id());
                });
        clock.advance(BuildSettings.DEFAULT_SILENT_AFTER);
        assertThat(b.heartbeat().beat().failed()).as("at its limit, a is not silent yet").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.heartbeat().beat().failed()).isEqualTo(1);

        Run failed = b.registry().runs().get(left.id());
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.errorMessage()).startsWith("the server replica-a that ran this run stopped answering")
                .endsWith("run it again");
        RunDetail again = b.builds().await(b.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT);
        assertThat(again.run().state()).as(again.run().toString()).isEqualTo(RunState.SUCCEEDED);

        // a comes back: the run the other failed is not run, and its record stands
        stopped.countDown();
        RunDetail afterwards = a.builds().await(left.id(), AWAIT);
        assertThat(afterwards.run().errorMessage()).isEqualTo(failed.errorMessage());
        assertThat(afterwards.run().startedAt()).isNull();
        assertThat(a.engine().published(new PortRef(ORDERS, "orders", 1))).as("a built nothing").isEmpty();
        assertThat(b.engine().published(new PortRef(ORDERS, "orders", 1))).isPresent();
    }

    @Test
    void aBuildFailedByTheOtherReplicaWhileItsServerWasPausedBeforePublishingPublishesNothing() throws Exception {
        Replica a = replica("replica-a", Executors.newFixedThreadPool(2), registry -> RunFindings.NONE);
        Replica b = replica("replica-b", Executors.newFixedThreadPool(2), registry -> RunFindings.NONE);
        a.registry().apply().apply(ADMIN, Meshes.exampleWithPlatformFiles(), ApplyOptions.defaults());
        a.heartbeat().beat();
        b.heartbeat().beat();
        RunDetail first = a.builds().await(a.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT);
        assertThat(first.run().state()).as(first.run().toString()).isEqualTo(RunState.SUCCEEDED);
        SnapshotId current = a.engine().published(ORDERS_PORT).orElseThrow().id();

        a.engine().pauseNextBuild(PausingEngine.Where.BEFORE_PUBLISH);
        Run paused = a.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST);
        a.engine().awaitPaused(); // built and checked its candidate, not published it: a's process stops here
        clock.advance(BuildSettings.DEFAULT_SILENT_AFTER.plusSeconds(1));
        assertThat(b.heartbeat().beat().failed()).isEqualTo(1);
        RunDetail again = b.builds().await(b.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT);
        assertThat(again.run().state()).as(again.run().toString()).isEqualTo(RunState.SUCCEEDED);

        a.engine().resume(); // a wakes up and goes on with its build, without a heartbeat first
        RunDetail afterwards = a.builds().await(paused.id(), AWAIT);
        assertThat(afterwards.run().state()).isEqualTo(RunState.FAILED);
        assertThat(afterwards.run().errorMessage()).startsWith("the server replica-a that ran this run stopped answering");
        assertThat(afterwards.ports()).as("nothing of a's build is recorded").isEmpty();
        assertThat(afterwards.checks()).isEmpty();
        assertThat(a.engine().published(ORDERS_PORT).orElseThrow().id()).as("a's current snapshot is unchanged")
                .isEqualTo(current);
        assertThat(a.engine().snapshots(ORDERS_PORT)).filteredOn(snapshot -> paused.id().equals(snapshot.runId()))
                .singleElement().satisfies(candidate -> assertThat(candidate.state()).isEqualTo(SnapshotState.CANDIDATE));
        assertThat(b.registry().runs().get(paused.id()).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aServerThatFindsItsRunFailedByTheOtherReplicaInterruptsItsBuild() throws Exception {
        // one worker: the build after the interrupted one runs on the same thread
        Replica a = replica("replica-a", Executors.newSingleThreadExecutor(), registry -> RunFindings.NONE);
        Replica b = replica("replica-b", Executors.newFixedThreadPool(2), registry -> RunFindings.NONE);
        a.registry().apply().apply(ADMIN, Meshes.exampleWithPlatformFiles(), ApplyOptions.defaults());
        a.heartbeat().beat();
        b.heartbeat().beat();

        a.engine().pauseNextBuild(PausingEngine.Where.BEFORE_BUILD);
        Run paused = a.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST);
        a.engine().awaitPaused();
        assertThat(a.heartbeat().beat().stopped()).as("its own run, still running").isZero();
        clock.advance(BuildSettings.DEFAULT_SILENT_AFTER.plusSeconds(1));
        assertThat(b.heartbeat().beat().failed()).isEqualTo(1);

        // a wakes up: its next beat finds the run ended by b and interrupts it, and the engine stops
        assertThat(a.heartbeat().beat().stopped()).isEqualTo(1);
        RunDetail afterwards = a.builds().await(paused.id(), AWAIT);
        assertThat(afterwards.run().state()).isEqualTo(RunState.FAILED);
        assertThat(afterwards.run().errorMessage()).startsWith("the server replica-a that ran this run stopped answering");
        assertThat(a.engine().published(ORDERS_PORT)).isEmpty();
        assertThat(a.engine().snapshots(ORDERS_PORT)).as("the interrupted build wrote no snapshot").isEmpty();

        RunDetail next = a.builds().await(a.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT);
        assertThat(next.run().state()).as("the worker is not left interrupted: " + next.run()).isEqualTo(RunState.SUCCEEDED);
        assertThat(a.engine().published(ORDERS_PORT)).isPresent();
    }

    @Test
    void theOtherReplicaNeverReadsAFinishedRunWithoutItsPolicyFindings() {
        Replica b = replica("replica-b", Executors.newFixedThreadPool(2), registry -> RunFindings.NONE);
        List<RunState> seenByB = new CopyOnWriteArrayList<>();
        Replica a = replica("replica-a", Executors.newFixedThreadPool(2), registry -> (handle, productId) -> {
            // while a evaluates the policies on the run it is finishing, b reads it: the product's newest run
            seenByB.add(b.registry().runs().list(new RunFilter(productId, null, null), PageRequest.first()).items()
                    .getFirst().state());
            return registry.policies().findings(handle, productId);
        });
        a.registry().apply().apply(ADMIN, Meshes.withPolicy(Meshes.exampleWithPlatformFiles(), "policies/watched.yaml",
                POLICY), ApplyOptions.defaults());

        Run build = a.builds().build(ADMIN, ORDERS, RunTrigger.REQUEST);
        assertThat(a.builds().await(build.id(), AWAIT).run().state()).isEqualTo(RunState.SUCCEEDED);
        Run test = a.builds().test(ADMIN, ORDERS, null);
        a.builds().await(test.id(), AWAIT);

        assertThat(seenByB).as("not finished until its findings are written")
                .containsExactly(RunState.RUNNING, RunState.RUNNING);
        for (Run run : List.of(build, test)) {
            RunDetail read = b.registry().runs().detail(run.id());
            assertThat(read.run().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(read.run().warnings()).as(read.run().toString()).anySatisfy(warning -> assertThat(warning)
                    .startsWith("policy orders-watched (warning) warn: ").contains("sales-orders is watched"));
            assertThat(read.checks()).isNotEmpty();
        }
    }

    @Test
    void twoServersOnOneStoreEachReadTheOthersFinishedRunsWithTheirWarnings() throws InterruptedException {
        TestDatabase store = new TestDatabase() {
            @Override
            public String create(Path dataDir) {
                return jdbcUrl;
            }

            @Override
            public void drop() {
                // the test's store, dropped after the test
            }

            @Override
            public String name() {
                return database.name();
            }
        };
        try (TestServer a = TestServer.start(store, config -> config.withBuilds(config.builds().withSourcesDir(sources)),
                Clock.systemUTC());
             TestServer b = TestServer.start(store, config -> config.withBuilds(config.builds()
                     .withSourcesDir(sources)), Clock.systemUTC())) {
            String token = a.adminToken(); // the store's first admin token: b finds it made
            assertThat(a.api().post("/api/v1/apply", token, Meshes.withPolicy(Meshes.exampleWithPlatformFiles(),
                    "policies/watched.yaml", POLICY)).status()).isEqualTo(200);
            for (TestServer builder : List.of(a, b)) {
                TestServer reader = builder == a ? b : a;
                Answer queued = builder.api().post("/api/v1/products/sales-orders/builds", token, null);
                assertThat(queued.status()).as(queued.body()).isEqualTo(202);
                String location = queued.header("Location");
                JsonNode run = reader.api().get(location, token).json().path("run");
                for (int attempt = 0; attempt < 15_000 && List.of("queued", "running").contains(run.path("state").asText());
                     attempt++) {
                    Thread.sleep(20);
                    run = reader.api().get(location, token).json().path("run");
                }
                assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("succeeded");
                assertThat(run.path("warnings").toString()).as("the first time the other server reads it finished")
                        .contains("policy orders-watched (warning) warn: ").contains("sales-orders is watched");
            }
        }
    }

    /** A build service with its own registry (connections), engine and warehouse, as a server makes it. */
    private Replica replica(String runner, ExecutorService workers, Function<Registry, RunFindings> findings) {
        Registry registry = Registry.open(jdbcUrl, clock);
        opened.add(registry);
        PausingEngine engine = new PausingEngine(Engines.create("duckdb", EngineConfig.of(Map.of("source-directory",
                sources.toString())), EngineContext.of(temp.resolve(runner))));
        opened.add(engine);
        BuildService builds = new BuildService(registry.runs(), registry.buildDefinitions(),
                registry.access()::requireInputGrants, engine, workers, Clock.systemUTC(), runner,
                findings.apply(registry), LineageListener.NONE);
        opened.add(builds);
        RunnerHeartbeat heartbeat = new RunnerHeartbeat(registry.runs(), builds, BuildSettings.DEFAULT_HEARTBEAT,
                BuildSettings.DEFAULT_SILENT_AFTER);
        opened.add(heartbeat);
        return new Replica(registry, engine, builds, heartbeat);
    }

    private record Replica(Registry registry, PausingEngine engine, BuildService builds, RunnerHeartbeat heartbeat) {
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
