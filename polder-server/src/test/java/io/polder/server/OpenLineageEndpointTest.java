package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** With {@code --openlineage-url}, every build's events are also posted to the endpoint, as they happen. */
class OpenLineageEndpointTest {
    @Test
    void aBuildPostsItsStartAndCompleteEvents() throws IOException {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/api/v1/lineage", exchange -> {
            received.add(new ObjectMapper().readTree(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        endpoint.start();
        Path sources = TestServer.temporaryDirectory();
        ExampleMeshData.generate(sources, new DemoOptions(3, 500, 1_000, Instant.now()));
        URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/api/v1/lineage");
        try (TestServer server = TestServer.start(TestDatabase.sqlite(), config -> config.withBuilds(config.builds()
                .withSourcesDir(sources).withOpenLineageUrl(url)), Clock.systemUTC())) {
            String admin = server.adminToken();
            assertThat(server.api().post("/api/v1/apply", admin, Meshes.exampleWithPlatformFiles()).status()).isEqualTo(200);
            JsonNode run = server.api().post("/api/v1/products/sales-orders/builds?wait=true", admin, null).json();
            assertThat(run.path("run").path("state").asText()).as(run.toString()).isEqualTo("succeeded");
            assertThat(received).extracting(event -> event.path("eventType").asText()).containsExactly("START", "COMPLETE");
            assertThat(received).allSatisfy(event -> assertThat(event.path("job").path("name").asText())
                    .isEqualTo("sales-orders"));
            assertThat(received.get(1)).isEqualTo(run.path("lineage").get(1));
        } finally {
            endpoint.stop(0);
            TestServer.deleteRecursively(sources);
        }
    }
}
