package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.registry.Registry;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunDetail;
import io.polder.registry.runs.RunFindings;
import io.polder.registry.runs.RunState;
import io.polder.registry.runs.RunTrigger;
import io.polder.registry.store.Database;
import io.polder.server.build.BuildService;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Engines;
import io.polder.spi.Stage;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import io.polder.spi.lineage.LineageListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that waits for another run of its product shows what it waits for as its stage, in the registry's run row and
 * through the API, while it waits: a build held back by a contract run in the engine ({@code waiting: test}), a test
 * held back by a build this server is running ({@code waiting: build}). The test holds the other run where it is,
 * polls the waiting run until its stage shows, then lets the other run go on.
 */
class WaitingRunStageTest {
    private static final Principal ADMIN = Principal.platformAdmin("admin");
    private static final String ORDERS = "sales-orders";
    private static final Duration AWAIT = Duration.ofMinutes(5);
    /** How many times a poll asks (every 20 ms) before the test gives up: far more than a run ever needs. */
    private static final int POLLS = 15_000;

    @TempDir
    Path temp;

    @Test
    void aBuildThatWaitsForAContractRunOfItsProductSaysSoThroughTheApi() throws Exception {
        Path sources = temp.resolve("sources");
        ExampleMeshData.generate(sources, new DemoOptions(7, 500, 1_000, Instant.now()));
        ExecutorService threads = Executors.newSingleThreadExecutor();
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        try (TestServer server = TestServer.start(TestDatabase.sqlite(), config -> config.withBuilds(config.builds()
                .withSourcesDir(sources)), Clock.systemUTC())) {
            String admin = server.adminToken();
            assertThat(server.api().post("/api/v1/apply", admin, Meshes.exampleWithPlatformFiles()).status()).isEqualTo(200);
            JsonNode first = server.api().post("/api/v1/products/sales-orders/builds?wait=true", admin, null).json();
            assertThat(first.path("run").path("state").asText()).as(first.toString()).isEqualTo("succeeded");

            // a contract run of sales-orders, held by the test while it checks: it holds the product in the engine
            OutputPortDefinition port = server.registry().buildDefinitions().target(ORDERS).definition().outputPorts()
                    .getFirst();
            CompletableFuture<CheckRun> contractRun = CompletableFuture.supplyAsync(() -> server.server().engine().check(
                    CheckRequest.published(port.ref(), port.contract()), progress -> {
                        if (progress.stage() == Stage.CHECK && checking.getCount() > 0) {
                            checking.countDown();
                            await(goOn);
                        }
                    }), threads);
            await(checking);

            String runId = server.api().post("/api/v1/products/sales-orders/builds", admin, null).json().path("run")
                    .path("id").asText();
            JsonNode waiting = poll(() -> runIn(server.api().get("/api/v1/runs?product=sales-orders", admin).json(), runId),
                    run -> run != null && run.path("stage").asText().equals("waiting: test"), "to show `waiting: test`");
            assertThat(waiting.path("state").asText()).isEqualTo("running");
            assertThat(server.api().get("/api/v1/runs/" + runId, admin).json().path("run").path("stage").asText())
                    .isEqualTo("waiting: test");
            assertThat(server.registry().runs().get(runId).stage()).isEqualTo("waiting: test");

            goOn.countDown();
            assertThat(contractRun.get(AWAIT.toMinutes(), TimeUnit.MINUTES).results()).isNotEmpty();
            JsonNode built = poll(() -> server.api().get("/api/v1/runs/" + runId, admin).json().path("run"),
                    run -> List.of("succeeded", "failed").contains(run.path("state").asText()), "to end");
            assertThat(built.path("state").asText()).as(built.toString()).isEqualTo("succeeded");
        } finally {
            goOn.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aTestThatWaitsForABuildOfItsProductSaysSoWhileQueued() throws Exception {
        Path sources = temp.resolve("sources");
        ExampleMeshData.generate(sources, new DemoOptions(7, 500, 1_000, Instant.now()));
        try (Registry registry = new Registry(Database.open("jdbc:sqlite:" + temp.resolve("polder.db")),
                Clock.systemUTC(), Clock.systemUTC());
             PausingEngine engine = new PausingEngine(Engines.create("duckdb", EngineConfig.of(Map.of(
                     "source-directory", sources.toString())), EngineContext.of(temp.resolve("warehouse"))));
             BuildService builds = new BuildService(registry.runs(), registry.buildDefinitions(),
                     registry.access()::requireInputGrants, engine, Executors.newFixedThreadPool(2), Clock.systemUTC(),
                     "replica-a", RunFindings.NONE, LineageListener.NONE)) {
            registry.apply().apply(ADMIN, Meshes.exampleWithPlatformFiles(), ApplyOptions.defaults());
            engine.pauseNextBuild(PausingEngine.Where.IN_BUILD);
            Run build = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
            engine.awaitPaused(); // the build is running, held by the test

            Run test = builds.test(ADMIN, ORDERS, null);
            assertThat(test.stage()).as("answered as it is recorded").isEqualTo("waiting: build");
            Run waiting = poll(() -> registry.runs().get(test.id()), run -> "waiting: build".equals(run.stage()),
                    "to show `waiting: build`");
            assertThat(waiting.state()).isEqualTo(RunState.QUEUED);

            engine.resume();
            assertThat(builds.await(build.id(), AWAIT).run().state()).isEqualTo(RunState.SUCCEEDED);
            RunDetail tested = builds.await(test.id(), AWAIT);
            assertThat(tested.run().state()).as(tested.run().toString()).isEqualTo(RunState.SUCCEEDED);
            assertThat(tested.run().stage()).isEqualTo("check");
        }
    }

    /** The run {@code id} of a page of runs, or null when it is not on it. */
    private static JsonNode runIn(JsonNode page, String id) {
        for (JsonNode run : page.path("items")) {
            if (run.path("id").asText().equals(id)) {
                return run;
            }
        }
        return null;
    }

    /** Reads a run until it is as {@code wanted}. */
    private static <T> T poll(Supplier<T> read, Predicate<T> wanted, String what) throws InterruptedException {
        T last = null;
        for (int attempt = 0; attempt < POLLS; attempt++) {
            last = read.get();
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run was never seen " + what + "; last seen: " + last);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(AWAIT.toMinutes(), TimeUnit.MINUTES)) {
                throw new AssertionError("waited " + AWAIT + " in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
