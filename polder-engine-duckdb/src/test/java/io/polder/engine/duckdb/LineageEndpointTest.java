package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.build.BuildResult;
import io.polder.spi.lineage.HttpLineageTransport;
import io.polder.spi.lineage.LineageJson;
import io.polder.spi.lineage.RunEvent;
import io.polder.spi.testkit.KitFixtures;
import io.polder.spi.testkit.RecordingLineage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds post their OpenLineage events to an HTTP endpoint; one that fails costs a warning, never the build. */
class LineageEndpointTest {
    @TempDir
    Path data;
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(201);

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/lineage", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
    }

    @Test
    void postsStartAndCompleteToTheEndpointAndReturnsThemToo() {
        RecordingLineage registry = new RecordingLineage();
        // a generous timeout: a post that a busy machine slows past it would be a warning, which this test forbids
        HttpLineageTransport http = new HttpLineageTransport(endpoint(), Duration.ofMinutes(1), Optional.of("secret-key"));
        Path csv = KitFixtures.write(data.resolve("s/orders.csv"), KitFixtures.GOOD_ORDERS);
        BuildResult result;
        try (Engine engine = new DuckDbEngineFactory().create(EngineConfig.empty(),
                EngineContext.of(data).withLineage(registry.andThen(http)))) {
            result = engine.build(KitFixtures.buildOrders(csv), null);
        }

        assertThat(bodies).hasSize(2);
        List<RunEvent> posted = bodies.stream().map(LineageJson::read).toList();
        assertThat(posted).extracting(RunEvent::eventType).containsExactly(RunEvent.EventType.START, RunEvent.EventType.COMPLETE);
        assertThat(posted.get(1).outputs().getFirst().name()).isEqualTo("kit-orders.orders.v1.orders");
        assertThat(posted.get(1).outputs().getFirst().facets().version().datasetVersion())
                .isEqualTo(result.ports().getFirst().snapshot().value());
        assertThat(bodies.getFirst()).contains("\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\"");
        assertThat(authorizations).containsOnly("Bearer secret-key");
        assertThat(registry.events()).isEqualTo(result.lineage());
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void anEndpointThatFailsCostsAWarningNotTheBuild() {
        status.set(500);
        Path csv = KitFixtures.write(data.resolve("s/orders.csv"), KitFixtures.GOOD_ORDERS);
        try (Engine engine = new DuckDbEngineFactory().create(EngineConfig.empty(),
                EngineContext.of(data).withLineage(HttpLineageTransport.to(endpoint())))) {
            BuildResult result = engine.build(KitFixtures.buildOrders(csv), null);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.lineage()).hasSize(2);
            assertThat(result.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning).contains("answered 500"));
        }
    }
}
