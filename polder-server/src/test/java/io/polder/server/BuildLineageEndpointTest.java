package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.lineage.HttpLineageTransport;
import io.polder.spi.lineage.LineageJson;
import io.polder.spi.lineage.LineageListener;
import io.polder.spi.lineage.RunEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenLineage events a server's builds post to an endpoint (a real HTTP server on a loopback port): the engine
 * posts START, the build service COMPLETE only once the snapshot is published, or FAIL when the registry refused to
 * let the run publish; the registry records the same events. A real SQLite registry and DuckDB engine, the engine
 * wrapped to pause a build before it publishes.
 */
class BuildLineageEndpointTest {
    private static final Principal ADMIN = Principal.platformAdmin("admin");
    private static final String ORDERS = "sales-orders";
    private static final PortRef ORDERS_PORT = new PortRef(ORDERS, "orders", 1);
    private static final Duration AWAIT = Duration.ofMinutes(5);
    private static final String RUNNER = "replica-a";

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:07:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The events the endpoint received, as posted. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** What sales-orders had published when each event arrived. */
    private final List<Optional<SnapshotId>> publishedWhenReceived = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private Registry registry;
    private PausingEngine engine;
    private BuildService builds;

    @BeforeEach
    void prepare() throws IOException {
        Path sources = temp.resolve("sources");
        ExampleMeshData.generate(sources, new DemoOptions(7, 500, 1_000, Instant.now()));
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/api/v1/lineage", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            publishedWhenReceived.add(engine.published(ORDERS_PORT).map(SnapshotInfo::id));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        endpoint.start();
        LineageListener lineage = HttpLineageTransport.to(URI.create("http://127.0.0.1:"
                + endpoint.getAddress().getPort() + "/api/v1/lineage"));
        registry = new Registry(Database.open("jdbc:sqlite:" + temp.resolve("polder.db")), clock, clock);
        opened.add(registry);
        engine = new PausingEngine(Engines.create("duckdb", EngineConfig.of(Map.of("source-directory",
                sources.toString())), EngineContext.of(temp.resolve("warehouse")).withLineage(lineage)));
        opened.add(engine);
        builds = new BuildService(registry.runs(), registry.buildDefinitions(), registry.access()::requireInputGrants,
                engine, Executors.newFixedThreadPool(2), Clock.systemUTC(), RUNNER, RunFindings.NONE,
                lineage);
        opened.add(builds);
        registry.apply().apply(ADMIN, Meshes.exampleWithPlatformFiles(), ApplyOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
        endpoint.stop(0);
    }

    @Test
    void aBuildPostsStartThenCompleteOnceItsSnapshotIsPublished() {
        Run run = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        RunDetail built = builds.await(run.id(), AWAIT);

        assertThat(built.run().state()).as(built.run().toString()).isEqualTo(RunState.SUCCEEDED);
        assertThat(types(received)).containsExactly(RunEvent.EventType.START, RunEvent.EventType.COMPLETE);
        SnapshotId snapshot = SnapshotId.parse(built.ports().getFirst().snapshot());
        assertThat(publishedWhenReceived.get(1)).as("published when COMPLETE arrived").contains(snapshot);
        assertThat(publishedWhenReceived.get(0)).as("nothing published when START arrived").isEmpty();
        assertThat(recorded(run)).as("the registry holds what the endpoint received").isEqualTo(received);
        assertThat(built.run().warnings()).noneMatch(warning -> warning.startsWith("lineage"));
    }

    @Test
    void aBuildTheRegistryRefusesToPublishPostsFailNotComplete() throws Exception {
        SnapshotId current = SnapshotId.parse(builds.await(builds.build(ADMIN, ORDERS, RunTrigger.REQUEST).id(), AWAIT)
                .ports().getFirst().snapshot());
        received.clear();
        registry.runs().heartbeat(RUNNER, Duration.ofSeconds(30));

        engine.pauseNextBuild(PausingEngine.Where.BEFORE_PUBLISH);
        Run paused = builds.build(ADMIN, ORDERS, RunTrigger.REQUEST);
        engine.awaitPaused(); // built and checked its candidate: this server's process stops here
        clock.advance(Duration.ofSeconds(31));
        assertThat(registry.runs().failAbandoned("replica-b")).as("another server fails the run").isEqualTo(1);
        engine.resume();
        RunDetail afterwards = builds.await(paused.id(), AWAIT);

        assertThat(afterwards.run().state()).isEqualTo(RunState.FAILED);
        assertThat(engine.published(ORDERS_PORT).orElseThrow().id()).as("nothing published").isEqualTo(current);
        assertThat(types(received)).containsExactly(RunEvent.EventType.START, RunEvent.EventType.FAIL);
        RunEvent fail = LineageJson.read(received.get(1));
        assertThat(fail.run().runId()).isEqualTo(LineageJson.read(received.get(0)).run().runId());
        assertThat(fail.run().facets().errorMessage().message()).startsWith("not published: another server ended this run")
                .contains("the server replica-a that ran this run stopped answering").contains("sales-orders/orders");
        assertThat(recorded(paused)).as("the registry holds what the endpoint received").isEqualTo(received);
    }

    private List<String> recorded(Run run) {
        return registry.runs().lineageEvents(run.id()).stream().map(LineageJson::write).toList();
    }

    private static List<RunEvent.EventType> types(List<String> events) {
        return events.stream().map(event -> LineageJson.read(event).eventType()).toList();
    }
}
