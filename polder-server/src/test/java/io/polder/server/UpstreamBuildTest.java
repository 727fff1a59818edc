package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * With the scheduler on, a publish of sales-daily-revenue builds finance-revenue-report, whose polder.yaml asks
 * for it ({@code onUpstreamPublish: true}). The server's clock is set to seven minutes past an hour, where no cron
 * of the example mesh fires for the length of the test.
 */
class UpstreamBuildTest {
    @Test
    void aPublishBuildsTheProductsThatAskForIt() {
        Instant now = Instant.now();
        Instant sevenPast = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(7));
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(now, sevenPast));
        Path sources = TestServer.temporaryDirectory();
        ExampleMeshData.generate(sources, new DemoOptions(5, 500, 1_000, clock.instant()));
        try (TestServer server = TestServer.start(TestDatabase.sqlite(), config -> config.withBuilds(config.builds()
                .withSourcesDir(sources).withScheduler(true)), clock)) {
            String admin = server.adminToken();
            assertThat(server.api().post("/api/v1/apply", admin, Meshes.exampleWithPlatformFiles()).status()).isEqualTo(200);
            for (String product : new String[] {"sales-orders", "sales-daily-revenue"}) {
                JsonNode run = server.api().post("/api/v1/products/" + product + "/builds?wait=true", admin, null).json();
                assertThat(run.path("run").path("state").asText()).as(run.toString()).isEqualTo("succeeded");
            }
            JsonNode finance = awaitRunOf(server, admin, "finance-revenue-report");
            assertThat(finance.path("trigger").asText()).isEqualTo("upstream");
            assertThat(finance.path("requestedBy").asText()).isEqualTo("polder");
            assertThat(finance.path("state").asText()).as(finance.toString()).isEqualTo("succeeded");
            assertThat(server.api().get("/api/v1/runs?product=customer-360", admin).json().path("items"))
                    .as("customer-360 reads sales-orders but does not ask to be built when it publishes").isEmpty();
        } finally {
            TestServer.deleteRecursively(sources);
        }
    }

    private static JsonNode awaitRunOf(TestServer server, String token, String product) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode items = server.api().get("/api/v1/runs?product=" + product, token).json().path("items");
            if (!items.isEmpty() && (items.get(0).path("state").asText().equals("succeeded")
                    || items.get(0).path("state").asText().equals("failed"))) {
                return items.get(0);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no finished run of " + product + " within a minute");
    }
}
