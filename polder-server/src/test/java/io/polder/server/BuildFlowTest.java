package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds and contract runs through the HTTP API, on small generated data: the example mesh's sales products are
 * built (synchronously and asynchronously), tested, listed, and their lineage read; then bad input (SQL reading a
 * file, SQL reading a product that is not an input, a missing source file, a contract naming a column the build
 * does not make) fails the run with a clear error while the last good snapshot stays published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildFlowTest {
    private static final String ORDERS_SNAPSHOTS = "/api/v1/products/sales-orders/ports/orders/snapshots";

    private TestServer server;
    private String admin;
    private Path sources;

    @BeforeAll
    void start() {
        sources = TestServer.temporaryDirectory();
        ExampleMeshData.generate(sources, new DemoOptions(7, 2_000, 1_000, Instant.now()));
        server = TestServer.start(TestDatabase.sqlite(), config -> config.withBuilds(config.builds()
                .withSourcesDir(sources)), java.time.Clock.systemUTC());
        admin = server.adminToken();
        assertThat(server.api().post("/api/v1/apply", admin, Meshes.exampleWithPlatformFiles()).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        server.close();
        TestServer.deleteRecursively(sources);
    }

    @Test
    @Order(1)
    void aBuildWithWaitAnswersTheFinishedRunWithChecksAndLineage() {
        Answer answer = server.api().post("/api/v1/products/sales-orders/builds?wait=true", admin, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode detail = answer.json();
        assertThat(detail.path("run").path("state").asText()).as(answer.body()).isEqualTo("succeeded");
        assertThat(detail.path("run").path("rows").asLong()).isGreaterThan(2_000);
        assertThat(detail.path("run").path("queryCount").asInt()).isPositive();
        assertThat(answer.header("Location")).isEqualTo("/api/v1/runs/" + detail.path("run").path("id").asText());
        assertThat(detail.path("ports")).hasSize(1);
        assertThat(detail.path("ports").get(0).path("outcome").asText()).isEqualTo("published");
        assertThat(detail.path("checks").size()).isGreaterThan(10);
        assertThat(texts(detail.path("checks"), "outcome")).doesNotContain("failed", "error");
        assertThat(texts(detail.path("lineage"), "eventType")).containsExactly("START", "COMPLETE");
        JsonNode output = detail.path("lineage").get(1).path("outputs").get(0);
        assertThat(output.path("facets").path("schema").path("fields").size()).isGreaterThan(5);
    }

    @Test
    @Order(2)
    void anAsynchronousBuildIsQueuedThenPolled() {
        Answer queued = server.api().post("/api/v1/products/sales-daily-revenue/builds", admin, null);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().path("run").path("state").asText()).isIn("queued", "running");
        JsonNode finished = awaitRun(queued.header("Location"));
        assertThat(finished.path("run").path("state").asText()).as(finished.toString()).isEqualTo("succeeded");
        assertThat(finished.path("run").path("trigger").asText()).isEqualTo("request");
        JsonNode runs = server.api().get("/api/v1/runs?product=sales-orders&kind=build", admin).json();
        assertThat(runs.path("items")).hasSize(1);
        JsonNode lineage = server.api().get("/api/v1/lineage?product=sales-daily-revenue&depth=1", admin).json();
        assertThat(texts(lineage.path("nodes"), "product")).containsExactlyInAnyOrder("sales-daily-revenue",
                "sales-orders", "finance-revenue-report");
        assertThat(lineage.path("nodes").findValuesAsText("lastBuild")).contains("succeeded");
    }

    @Test
    @Order(3)
    void aTestRunsTheContractAgainstThePublishedData() {
        Answer answer = server.api().post("/api/v1/products/sales-orders/tests?wait=true", admin, null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode run = answer.json().path("run");
        assertThat(run.path("state").asText()).as(answer.body()).isEqualTo("succeeded");
        assertThat(run.path("kind").asText()).isEqualTo("test");
        assertThat(run.path("port").asText()).isEqualTo("sales-orders/orders/v1");
        assertThat(answer.json().path("checks").size()).isGreaterThan(10);
        Answer unknownPort = server.api().post("/api/v1/products/sales-orders/tests?wait=true&port=nope", admin, null);
        assertThat(unknownPort.json().path("run").path("errorCode").asText()).isEqualTo("NOT_FOUND");
        JsonNode snapshots = server.api().get(ORDERS_SNAPSHOTS, admin).json();
        assertThat(snapshots.path("snapshots")).hasSize(1);
        assertThat(snapshots.path("snapshots").get(0).path("state").asText()).isEqualTo("published");
    }

    @Test
    @Order(99) // last: it changes the policies in force
    void everyRunRecordsWhatThePoliciesInForceSayOfTheProductWithItsNewCheckResults() {
        MeshBundle withPolicy = Meshes.withPolicy(Meshes.exampleWithPlatformFiles(), "policies/checks.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: no-failed-checks
                version: 1.0.0
                target: product
                severity: warning
                rule: facts.latestChecks.all(check, check.outcome != 'failed') && product.id != 'sales-orders'
                message: "{{ product.id }} is watched: its latest checks are reviewed"
                """);
        assertThat(server.api().post("/api/v1/apply", admin, withPolicy).status()).isEqualTo(200);
        Answer answer = server.api().post("/api/v1/products/sales-orders/tests?wait=true", admin, null);
        assertThat(answer.json().path("run").path("state").asText()).as(answer.body()).isEqualTo("succeeded");
        List<String> warnings = new ArrayList<>();
        answer.json().path("run").path("warnings").forEach(warning -> warnings.add(warning.asText()));
        assertThat(warnings).as(answer.body()).anySatisfy(warning -> assertThat(warning)
                .startsWith("policy no-failed-checks (warning) warn: ")
                .contains("sales-orders is watched: its latest checks are reviewed"));
        Answer other = server.api().post("/api/v1/products/sales-daily-revenue/tests?wait=true", admin, null);
        assertThat(other.json().path("run").path("warnings").toString()).doesNotContain("no-failed-checks");
    }

    @Test
    @Order(4)
    void buildSqlThatReadsAFileFailsAndTheLastGoodSnapshotStays() {
        String published = publishedOrders();
        JsonNode run = buildNewVersion("1.2.1", "SELECT * FROM read_csv('/etc/passwd')");
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(run.path("errorMessage").asText()).contains("orders.sql").containsIgnoringCase("read_csv");
        assertThat(publishedOrders()).isEqualTo(published);
    }

    @Test
    @Order(5)
    void buildSqlThatReadsAnotherProductThatIsNotAnInputFails() {
        String published = publishedOrders();
        JsonNode run = buildNewVersion("1.2.2", "SELECT * FROM \"daily-revenue\".daily_revenue");
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(run.path("errorMessage").asText()).contains("daily");
        assertThat(publishedOrders()).isEqualTo(published);
    }

    @Test
    @Order(6)
    void aColumnTheContractNamesButTheBuildDoesNotMakeQuarantinesTheCandidate() {
        String published = publishedOrders();
        String original = readExample("sales/sales-orders/build/orders.sql");
        JsonNode run = buildNewVersion("1.2.3", original.replace("    order_number,\n", ""));
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(run.path("errorMessage").asText()).contains("order_number");
        assertThat(publishedOrders()).isEqualTo(published);
    }

    @Test
    @Order(7)
    void aMissingSourceFileFailsTheBuildWithItsName() throws IOException {
        String published = publishedOrders();
        Path file = sources.resolve("sales-orders/orders_export.parquet");
        Path aside = sources.resolve("sales-orders/orders_export.parquet.aside");
        Files.move(file, aside);
        try {
            JsonNode run = server.api().post("/api/v1/products/sales-orders/builds?wait=true", admin, null).json()
                    .path("run");
            assertThat(run.path("state").asText()).isEqualTo("failed");
            assertThat(run.path("errorMessage").asText()).contains("orders_export");
            assertThat(publishedOrders()).isEqualTo(published);
        } finally {
            Files.move(aside, file);
        }
    }

    @Test
    @Order(8)
    void anEmptySourceFileOrSqlThatDoesNotParseFailsTheBuildWithTheirNames() throws IOException {
        String published = publishedOrders();
        JsonNode broken = buildNewVersion("1.2.4", "SELECT order_id, FROM WHERE source.orders_export");
        assertThat(broken.path("state").asText()).isEqualTo("failed");
        assertThat(broken.path("errorMessage").asText()).contains("orders.sql");
        assertThat(publishedOrders()).isEqualTo(published);
        Path file = sources.resolve("sales-orders/order_lines_export.parquet");
        Path aside = sources.resolve("sales-orders/order_lines_export.parquet.aside");
        Files.move(file, aside);
        Files.writeString(file, "");
        try {
            JsonNode empty = buildNewVersion("1.2.5", readExample("sales/sales-orders/build/orders.sql"));
            assertThat(empty.path("state").asText()).isEqualTo("failed");
            assertThat(empty.path("errorMessage").asText()).contains("order_lines_export");
            assertThat(publishedOrders()).isEqualTo(published);
        } finally {
            Files.delete(file);
            Files.move(aside, file);
        }
    }

    /** Applies sales-orders at {@code version} with {@code sql} as build/orders.sql, builds it, answers the run. */
    private JsonNode buildNewVersion(String version, String sql) {
        MeshBundle bundle = Meshes.withFolder(Meshes.exampleWithPlatformFiles(), "sales/sales-orders", product ->
                new BundleProduct(product.path(), Meshes.replaceLine("version", "1.2.0", version).apply(
                        product.productYaml()), product.contracts(), product.settingsYaml(),
                        product.buildFiles().stream().map(file -> file.name().equals("orders.sql")
                                ? new BundleFile("orders.sql", sql) : file).toList()));
        Answer applied = server.api().post("/api/v1/apply", admin, bundle);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        Answer answer = server.api().post("/api/v1/products/sales-orders/builds?wait=true", admin, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("run");
    }

    private String publishedOrders() {
        JsonNode snapshots = server.api().get(ORDERS_SNAPSHOTS, admin).json().path("snapshots");
        List<String> published = new ArrayList<>();
        snapshots.forEach(snapshot -> {
            if (snapshot.path("state").asText().equals("published")) {
                published.add(snapshot.path("id").asText());
            }
        });
        assertThat(published).hasSize(1);
        return published.getFirst();
    }

    private JsonNode awaitRun(String location) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode detail = server.api().get(location, admin).json();
            String state = detail.path("run").path("state").asText();
            if (state.equals("succeeded") || state.equals("failed")) {
                return detail;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + location + " did not finish within a minute");
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static String readExample(String path) {
        try {
            return Files.readString(Meshes.exampleRoot().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
