package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server killed (SIGKILL) while it builds a product, with a real server process: when it starts again the run
 * is recorded as failed, saying why, rather than running forever; the snapshot published before it is still
 * the published one; what the killed build left (its partial candidate, DuckDB's temporary folder) is cleared;
 * and the product builds again.
 */
class KilledBuildTest {
    private static final String ORDERS = "sales/sales-orders";
    private static final String SNAPSHOTS = "/api/v1/products/sales-orders/ports/orders/snapshots";

    private Path dataDir;
    private Path log;

    @BeforeEach
    void prepare() throws IOException {
        dataDir = TestServer.temporaryDirectory();
        ExampleMeshData.generate(dataDir.resolve("sources"), new DemoOptions(7, 2_000, 1_000, Instant.now()));
        log = Files.createTempFile("polder-killed-build", ".log");
    }

    @AfterEach
    void cleanUp() throws IOException {
        TestServer.deleteRecursively(dataDir);
        Files.deleteIfExists(log);
    }

    @Test
    void aBuildKilledWithTheServerIsFailedAtTheNextStartAndThePublishedSnapshotStays() throws Exception {
        String good;
        String killedRun;
        try (ServerProcess server = ServerProcess.start(dataDir, null, log, List.of())) {
            String token = adminToken();
            assertThat(server.api().post("/api/v1/apply", token, mesh("1.2.0", null)).status()).isEqualTo(200);
            Answer first = server.api().post("/api/v1/products/sales-orders/builds?wait=true", token, null);
            assertThat(first.json().path("run").path("state").asText()).as(first.body()).isEqualTo("succeeded");
            good = published(server.api(), token);

            // the same orders, each written a hundred million times: it writes until it is killed
            assertThat(server.api().post("/api/v1/apply", token, mesh("1.2.1",
                    "FROM source.orders_export, range(100000000) AS endless(n)")).status()).isEqualTo(200);
            Answer queued = server.api().post("/api/v1/products/sales-orders/builds", token, null);
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            killedRun = queued.json().path("run").path("id").asText();
            awaitWriting(server.api(), token, killedRun);
            server.kill();
        }
        assertThat(leftovers("warehouse", ".partial")).as("the killed build left its partial candidate").isNotEmpty();

        try (ServerProcess server = ServerProcess.start(dataDir, null, log, List.of())) {
            String token = adminToken();
            JsonNode run = server.api().get("/api/v1/runs/" + killedRun, token).json().path("run");
            assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("failed");
            assertThat(run.path("errorCode").asText()).isEqualTo("INTERNAL");
            assertThat(run.path("errorMessage").asText()).contains("the server stopped while this run was queued or running")
                    .contains("run it again");
            assertThat(run.path("stage").asText()).as("where it was when it died").isEqualTo("write");
            assertThat(server.api().get("/api/v1/runs?product=sales-orders&state=running", token).json().path("items"))
                    .isEmpty();
            assertThat(published(server.api(), token)).isEqualTo(good);
            assertThat(server.api().get(SNAPSHOTS, token).json().path("snapshots")).hasSize(1);
            assertThat(leftovers("tmp", "")).as("DuckDB's temporary folders are cleared at start").isEmpty();

            assertThat(server.api().post("/api/v1/apply", token, mesh("1.2.2", null)).status()).isEqualTo(200);
            Answer again = server.api().post("/api/v1/products/sales-orders/builds?wait=true", token, null);
            assertThat(again.json().path("run").path("state").asText()).as(again.body()).isEqualTo("succeeded");
            assertThat(published(server.api(), token)).isNotEqualTo(good);
            assertThat(leftovers("warehouse", ".partial")).as("the next build cleared the partial candidate").isEmpty();
            server.stop();
        }
    }

    /**
     * The example mesh with sales-orders at {@code version}, its FROM line replaced by {@code from} if not null, and
     * no product on a schedule.
     */
    private static MeshBundle mesh(String version, String from) {
        MeshBundle example = Meshes.exampleWithPlatformFiles();
        MeshBundle unscheduled = new MeshBundle(example.meshYaml(), example.products().stream()
                .map(KilledBuildTest::withoutSchedule).toList(), example.policies());
        return Meshes.withFolder(unscheduled, ORDERS, product -> new BundleProduct(product.path(),
                version.equals("1.2.0") ? product.productYaml()
                        : Meshes.replaceLine("version", "1.2.0", version).apply(product.productYaml()),
                product.contracts(), product.settingsYaml(),
                product.buildFiles().stream().map(file -> from == null || !file.name().equals("orders.sql") ? file
                        : new BundleFile(file.name(), file.text().replace("FROM source.orders_export", from))).toList()));
    }

    /**
     * No cron and no upstream trigger: the server process runs its scheduler, and a build it started of its own (of
     * any product: customer-profiles at 02:00 UTC, sales-daily-revenue at 04:30, ...) would be killed with the
     * server and leave a partial candidate and a temporary folder that the test takes for the killed build's.
     */
    private static BundleProduct withoutSchedule(BundleProduct product) {
        if (product.settingsYaml() == null) {
            return product;
        }
        String settings = product.settingsYaml().lines().filter(line -> !line.startsWith("schedule:")
                && !line.startsWith("  cron:") && !line.startsWith("  onUpstreamPublish:"))
                .collect(Collectors.joining("\n", "", "\n"));
        return new BundleProduct(product.path(), product.productYaml(), product.contracts(), settings,
                product.buildFiles());
    }

    private static void awaitWriting(ApiClient api, String token, String runId) throws InterruptedException {
        for (int attempt = 0; attempt < 1200; attempt++) {
            JsonNode run = api.get("/api/v1/runs/" + runId, token).json().path("run");
            if (run.path("state").asText().equals("running") && run.path("stage").asText().equals("write")) {
                Thread.sleep(500);
                return;
            }
            assertThat(run.path("state").asText()).as(run.toString()).isIn("queued", "running");
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not start writing within two minutes");
    }

    private static String published(ApiClient api, String token) {
        List<String> published = new ArrayList<>();
        api.get(SNAPSHOTS, token).json().path("snapshots").forEach(snapshot -> {
            if (snapshot.path("state").asText().equals("published")) {
                published.add(snapshot.path("id").asText());
            }
        });
        assertThat(published).hasSize(1);
        return published.getFirst();
    }

    /** Entries under {@code DATA/folder} (at any depth for the warehouse) whose names end with {@code suffix}. */
    private List<Path> leftovers(String folder, String suffix) throws IOException {
        Path root = dataDir.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = folder.equals("tmp") ? Files.list(root) : Files.walk(root)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).strip();
    }
}
