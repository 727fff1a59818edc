package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code polder build}, {@code polder test} and {@code polder get runs} against a real server, on small data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildCommandTest {
    private Path dir;
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path directory) {
        dir = directory;
        Path data = dir.resolve("polder-data");
        ExampleMeshData.generate(data.resolve("sources"), new DemoOptions(7, 2_000, 1_000, Instant.now()));
        server = TestServer.start(data);
        CliRun apply = server.admin("apply", CliRun.repo("examples/mesh"));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void buildPrintsStagesThenASummaryAndBuildsUpstreamFirst() {
        CliRun build = server.admin("build", "sales-daily-revenue", "sales-orders");
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        assertThat(build.out()).contains("Building sales-orders ...").contains("sales-orders: succeeded in ")
                .as("the stage a build ended in is printed, however short").contains("  sales-orders: publish")
                .contains("  sales-daily-revenue: publish")
                .containsPattern("(?m)^PRODUCT +STATE +ROWS +CHECKS +PORTS +TIME +RUN$")
                .containsPattern("(?m)^sales-orders +succeeded +[0-9,]+ +\\d+/\\d+ passed, 1 skipped +orders/v1 published ")
                .endsWith("Built 2 products.\n");
        assertThat(build.out().indexOf("Building sales-orders")).isLessThan(build.out().indexOf("Building sales-daily-revenue"));
    }

    @Test
    @Order(2)
    void aBuildThatFailsItsContractExitsOne() {
        // 1,000 generated customers, where the customer contracts promise more than 100,000: quarantined
        CliRun build = server.admin("build", "customer-profiles");
        assertThat(build.exitCode()).as(build.out()).isEqualTo(1);
        assertThat(build.out()).contains("customer-profiles: failed").contains("not published")
                .contains("error-level check(s) failed (").contains("customers_row_count")
                .contains("kept in quarantine").endsWith("1 build of 1 failed.\n");
    }

    @Test
    @Order(3)
    void testPrintsEveryRuleAndExitsByTheErrorLevelChecks() {
        CliRun test = server.admin("test", "sales-orders");
        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).containsPattern("(?m)^PORT +RULE +SEVERITY +VALUE +THRESHOLD +OUTCOME +MESSAGE$")
                .containsPattern("(?m)^sales-orders/orders/v1 +orders_row_count +error +\\d+ +> 0 +passed")
                .as("a message is printed whole")
                .containsPattern("(?m) skipped +text rule, recorded and not run: Test orders placed by the QA team \\(customer"
                        + " accounts flagged as test in the CRM\\) are removed\\.$")
                .contains("  sales-orders: check").contains("sales-orders: succeeded, ");
        CliRun neverPublished = server.admin("test", "customer-profiles");
        assertThat(neverPublished.exitCode()).as("nothing published: not found").isEqualTo(3);
        assertThat(neverPublished.err()).contains("customer-profiles");
    }

    @Test
    @Order(4)
    void getRunsListsAProductsRunsAndShowsOneWithItsChecks() throws IOException {
        CliRun runs = server.admin("get", "runs", "sales-orders");
        assertThat(runs.exitCode()).as(runs.err()).isZero();
        assertThat(runs.out()).containsPattern("(?m)^ID +KIND +PRODUCT +VERSION +STATE")
                .containsPattern("(?m) build +sales-orders +1\\.2\\.0 +succeeded ")
                .containsPattern("(?m) test +sales-orders +1\\.2\\.0 +succeeded ");
        JsonNode listed = new ObjectMapper().readTree(server.admin("get", "runs", "sales-orders", "-o", "json").out());
        assertThat(listed.size()).isEqualTo(2);
        String id = listed.get(0).path("id").asText();
        CliRun one = server.admin("get", "runs", id);
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains(id).contains("orders_row_count");
        assertThat(server.admin("get", "runs", "--limit", "1").out().lines().count()).isEqualTo(2);
        CliRun failedBuilds = server.admin("get", "runs", "--kind", "build", "--state", "failed");
        assertThat(failedBuilds.out()).contains("customer-profiles").doesNotContain("sales-orders");
        String error = new ObjectMapper().readTree(server.admin("get", "runs", "--kind", "build", "--state", "failed",
                "-o", "json").out()).get(0).path("errorMessage").asText();
        assertThat(error).hasSizeGreaterThan(60);
        assertThat(failedBuilds.out()).as("a run's error is printed whole: it says what to fix")
                .containsPattern("(?m) " + Pattern.quote(error) + "$");
        assertThat(server.admin("get", "products", "--state", "failed").exitCode()).as("--state filters runs only")
                .isEqualTo(2);
    }

    @Test
    @Order(4)
    void runsAndSnapshotsPrintWhenTheyWereCreatedToTheSecondAndJsonWhole() throws IOException {
        JsonNode listed = new ObjectMapper().readTree(server.admin("get", "runs", "sales-orders", "-o", "json").out());
        CliRun runs = server.admin("get", "runs", "sales-orders");
        assertThat(runs.exitCode()).as(runs.err()).isZero();
        List<String> rows = runs.out().lines().skip(1).toList();
        assertThat(rows).hasSize(listed.size());
        for (int index = 0; index < listed.size(); index++) {
            String createdAt = listed.get(index).path("createdAt").asText();
            assertThat(rows.get(index)).as("the CREATED column of run %s, from %s", listed.get(index).path("id"), createdAt)
                    .contains(" " + Times.forPeople(Instant.parse(createdAt)) + " ")
                    .doesNotContainPattern("T\\d{2}:\\d{2}:\\d{2}\\.\\d");
        }
        assertThat(listed).as("-o json has the server's instants whole, to the fraction of a second they were taken at")
                .anyMatch(run -> Instant.parse(run.path("createdAt").asText()).getNano() > 0);
        CliRun snapshots = server.admin("get", "snapshots", "sales-orders");
        assertThat(snapshots.out()).containsPattern(" \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z ")
                .doesNotContainPattern("T\\d{2}:\\d{2}:\\d{2}\\.\\d");
    }

    @Test
    @Order(4)
    void numbersAndDurationsReadTheSameOnAMachineWithAnotherLocale() throws IOException {
        JsonNode build = new ObjectMapper().readTree(server.admin("get", "runs", "sales-orders", "--kind", "build",
                "-o", "json").out()).get(0);
        long rows = build.path("rows").asLong();
        assertThat(rows).as("enough rows to be grouped").isGreaterThan(999);
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // groups 1.200 and writes 1,4 s by default
        try {
            CliRun runs = server.admin("get", "runs", "sales-orders", "--kind", "build");
            assertThat(runs.exitCode()).as(runs.err()).isZero();
            assertThat(runs.out()).contains(" " + (rows / 1000) + "," + String.valueOf(1000 + rows % 1000).substring(1) + " ")
                    .containsPattern(" \\d+\\.\\ds ");
            CliRun snapshots = server.admin("get", "snapshots", "sales-orders");
            assertThat(snapshots.exitCode()).as(snapshots.err()).isZero();
            assertThat(snapshots.out()).containsPattern(" \\d{1,3},\\d{3} ").doesNotContainPattern(" \\d{1,3}\\.\\d{3} ");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    @Order(5)
    void aContractThatTheDataNoLongerMeetsFailsTheTestWithExitOne() throws IOException {
        Path mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
        Path contract = mesh.resolve("sales/sales-orders/contracts/orders.odcs.yaml");
        Files.writeString(contract, Files.readString(contract).replace("version: 1.2.0", "version: 1.3.0")
                .replace("metric: rowCount\n        mustBeGreaterThan: 0", "metric: rowCount\n        mustBeGreaterThan: 100000000"));
        Path product = mesh.resolve("sales/sales-orders/product.odps.yaml");
        Files.writeString(product, Files.readString(product).replace("version: 1.2.0", "version: 1.3.0"));
        try (Stream<Path> files = Files.walk(mesh)) {
            for (Path reader : files.filter(file -> file.endsWith("product.odps.yaml") && !file.equals(product)).toList()) {
                String text = Files.readString(reader);
                String moved = text.replace("version: 1.2.0\n    contractId: sales-orders-orders",
                        "version: 1.3.0\n    contractId: sales-orders-orders");
                if (!moved.equals(text)) {
                    Files.writeString(reader, bumpPatch(moved));
                }
            }
        }
        CliRun apply = server.admin("apply", mesh.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        CliRun test = server.admin("test", "sales-orders");
        assertThat(test.exitCode()).as(test.out() + test.err()).isEqualTo(1);
        assertThat(test.out()).containsPattern("(?m)^sales-orders/orders/v1 +orders_row_count +error +\\d+ +> 100000000 +failed"
                        + " +\\d+ rows in orders; expected > 100000000$")
                .contains("sales-orders: failed");
    }

    @Test
    @Order(6)
    void anInvalidPolderYamlIsReportedAtItsLineAndNothingIsApplied() throws IOException {
        Path mesh = dir.resolve("broken-mesh");
        CliRun.copyExampleMesh(mesh);
        Path settings = mesh.resolve("sales/sales-orders/polder.yaml");
        Files.writeString(settings, Files.readString(settings).replace("format: parquet", "format: excel"));
        CliRun apply = server.admin("apply", mesh.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(1);
        assertThat(apply.err()).containsPattern(Pattern.quote(mesh.resolve("sales/sales-orders/polder.yaml").toString())
                + ":\\d+:\\d+: .*format");
    }

    @Test
    @Order(7)
    void whatAPolicyFindsOnABuildIsPrintedAsItsWarnings() {
        CliRun deprecate = server.admin("lifecycle", "sales-orders", "--status", "deprecated", "--sunset", "2099-12-31");
        assertThat(deprecate.exitCode()).as(deprecate.err()).isZero();
        CliRun build = server.admin("build", "sales-daily-revenue");
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        String warning = "sales-daily-revenue: warning: policy no-deprecated-dependencies (error) fail: ";
        assertThat(build.out()).as("a run's warnings do not fail it, and are printed under it")
                .containsPattern("(?m)^  sales-daily-revenue: succeeded in .*\n  " + Pattern.quote(warning)
                        + ".*sales-orders/orders 1\\.3\\.0 \\(deprecated, ends 2099-12-31\\)");
        String run = build.out().lines().filter(line -> line.startsWith("sales-daily-revenue ")).findFirst().orElseThrow()
                .replaceAll(".* ", "");
        assertThat(server.admin("get", "runs", run).out()).as("and by `get runs RUN-ID`, as the README says")
                .containsPattern("(?m)^" + Pattern.quote(warning));
    }

    @Test
    @Order(8)
    void aBuildAskedForWhileTheProductIsBeingBuiltWaitsForThatBuildThenBuilds() throws Exception {
        long conflictsBefore = refusedBuildRequests();
        List<CliRun> builds = new ArrayList<>();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<CliRun> build = () -> server.admin("build", "sales-daily-revenue");
            for (Future<CliRun> run : two.invokeAll(List.of(build, build))) {
                builds.add(run.get());
            }
        } finally {
            two.shutdownNow();
        }
        List<Run> runs = new ArrayList<>();
        for (CliRun build : builds) {
            assertThat(build.exitCode()).as("each build is made, one after the other: " + build.out() + build.err())
                    .isZero();
            String id = build.out().lines().filter(line -> line.startsWith("sales-daily-revenue ")).reduce((a, b) -> b)
                    .orElseThrow().replaceAll(".* ", "");
            JsonNode run = new ObjectMapper().readTree(server.admin("get", "runs", id, "-o", "json").out()).path("run");
            runs.add(new Run(id, Instant.parse(run.path("createdAt").asText()),
                    Instant.parse(run.path("finishedAt").asText()), build.out()));
        }
        runs.sort(java.util.Comparator.comparing(Run::created));
        Run first = runs.get(0);
        Run second = runs.get(1);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.created()).as("the second build is created once the first has finished")
                .isAfterOrEqualTo(first.finished());
        // asked for at the same moment, the second almost always meets the first running (a build takes far longer
        // than asking for one) and waits for it; on a busy machine it may ask only once the first has finished (a
        // build of this small product takes about 0.3 s), with nothing to wait for. The server's count of refused
        // build requests says which happened, so neither case is taken for the other.
        long conflicts = refusedBuildRequests() - conflictsBefore;
        if (conflicts == 0) {
            assertThat(builds).extracting(CliRun::out).as("no build met the other running, so none waited")
                    .noneMatch(out -> out.contains("waiting for"));
        } else {
            assertThat(first.out()).doesNotContain("waiting for");
            assertThat(second.out()).contains("  sales-daily-revenue: waiting for the build that is running already (run "
                    + first.id() + "), then building\n");
        }
    }

    /** How many build requests the server has refused with 409 (the product was being built), from its metrics. */
    private long refusedBuildRequests() throws Exception {
        String series = "polder_http_requests_total{method=\"POST\",route=\"/api/v1/products/{id}/builds\",status=\"409\"} ";
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<String> metrics = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.url() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            return metrics.body().lines().filter(line -> line.startsWith(series))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(series.length()))).sum();
        }
    }

    @Test
    @Order(9)
    void getSnapshotsListsEachOutputPortsSnapshotsAndWhichIsCurrent() throws IOException {
        // sales-daily-revenue was built four times (orders 1, 7, 8): one snapshot published, those before superseded
        CliRun revenue = server.admin("get", "snapshots", "sales-daily-revenue");
        assertThat(revenue.exitCode()).as(revenue.out() + revenue.err()).isZero();
        assertThat(revenue.out()).containsPattern("(?m)^PORT +SNAPSHOT +STATE +CURRENT +ROWS +CREATED +CONTRACT +CHECKS"
                + " +RUN +NOTE$");
        List<String> rows = revenue.out().lines().skip(1).toList();
        assertThat(rows).hasSize(4).allMatch(row -> row.startsWith("daily-revenue/v1 "));
        assertThat(rows.getFirst()).as("newest first: the last build's, published, current")
                .matches("daily-revenue/v1 +\\d{8}T\\d{9}Z-[0-9a-f]{6} +published +yes +[0-9,]+ +\\S+Z +\\d+\\.\\d+\\.\\d+ +passed"
                        + " +01\\w{24} +-");
        assertThat(rows.subList(1, 4)).allMatch(row -> row.matches("daily-revenue/v1 +\\S+ +superseded +- +.*"));

        JsonNode json = new ObjectMapper().readTree(server.admin("get", "snapshots", "sales-daily-revenue", "-o", "json")
                .out());
        assertThat(json.size()).isEqualTo(4);
        assertThat(json.get(0).path("port").asText()).isEqualTo("sales-daily-revenue/daily-revenue/v1");
        assertThat(json.get(0).path("state").asText()).isEqualTo("published");
        assertThat(json.get(0).path("rows").asLong()).isPositive();
        JsonNode newest = new ObjectMapper().readTree(server.admin("get", "snapshots", "sales-daily-revenue", "--limit",
                "1", "-o", "json").out());
        assertThat(newest.size()).isEqualTo(1);
        assertThat(newest.get(0).path("id")).isEqualTo(json.get(0).path("id"));

        CliRun quarantined = server.admin("get", "snapshot", "customer-profiles", "--port", "customers");
        assertThat(quarantined.exitCode()).as(quarantined.err()).isZero();
        assertThat(quarantined.out()).as("its build failed the contract: never published, the note says why")
                .containsPattern("(?m)^customers/v2 +\\S+ +quarantined +- +[0-9,]+ .* failed +01\\w{24} +.*customers_row_count")
                .doesNotContain("published");
    }

    @Test
    @Order(10)
    void getSnapshotsListsEveryOutputPortOfAProductThatHasSeveral() {
        CliRun none = server.admin("get", "snapshots", "logistics-shipments");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("No snapshots of logistics-shipments's output ports (of its current version) yet:"
                + " build it with `polder build logistics-shipments`.\n");
        assertThat(server.admin("build", "logistics-shipments").exitCode()).isZero();
        CliRun both = server.admin("get", "snapshots", "logistics-shipments");
        assertThat(both.out()).containsPattern("(?m)^shipments/v1 +\\S+ +published +yes ")
                .containsPattern("(?m)^tracking-events/v1 +\\S+ +published +yes ");
        assertThat(server.admin("get", "snapshots", "logistics-shipments", "--port", "tracking-events").out())
                .contains("tracking-events/v1").doesNotContain("shipments/v1");
    }

    @Test
    @Order(11)
    void aPortOrProductThatIsNotThereIsNotFoundNamedOnceAndWrongUsageIsTwo() throws IOException {
        CliRun noPort = server.admin("get", "snapshots", "sales-orders", "--port", "nope");
        assertThat(noPort.exitCode()).isEqualTo(3);
        assertThat(noPort.err()).isEqualTo("polder: product 'sales-orders' has no output port 'nope'; its output ports:"
                + " orders\n");
        assertThat(server.admin("get", "snapshots", "nope").exitCode()).isEqualTo(3);
        assertThat(server.admin("get", "snapshots", "nope", "--port", "orders").err()).contains("no product 'nope'");

        int testRuns = new ObjectMapper().readTree(server.admin("get", "runs", "sales-orders", "--kind", "test", "-o",
                "json").out()).size();
        CliRun test = server.admin("test", "sales-orders", "--port", "nope");
        assertThat(test.exitCode()).isEqualTo(3);
        assertThat(test.err()).as("the product named once").isEqualTo(noPort.err());
        assertThat(new ObjectMapper().readTree(server.admin("get", "runs", "sales-orders", "--kind", "test", "-o", "json")
                .out()).size()).as("a port that is not there starts no run").isEqualTo(testRuns);

        CliRun noProduct = server.admin("get", "snapshots");
        assertThat(noProduct.exitCode()).isEqualTo(2);
        assertThat(noProduct.err()).contains("polder get snapshots PRODUCT [--port PORT]");
        assertThat(server.admin("get", "snapshots", "sales-orders", "--product", "customer-360").exitCode()).isEqualTo(2);
        assertThat(server.admin("get", "snapshots", "--product", "sales-orders").out()).contains("orders/v1");
        assertThat(server.admin("get", "snapshots", "sales-orders", "--domain", "sales").err())
                .contains("--domain does not filter snapshots");
        assertThat(server.admin("get", "snapshots", "sales-orders", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(server.admin("get", "runs", "--port", "orders").err()).contains("--port does not filter runs");
        assertThat(server.admin("get", "ports", "--domain", "sales").exitCode()).as("not ignored").isEqualTo(2);
        CliRun badState = server.admin("get", "runs", "--state", "done");
        assertThat(badState.exitCode()).isEqualTo(2);
        assertThat(badState.err()).as("the server's query parameter named as the option that sent it")
                .isEqualTo("polder: --state: unknown run state 'done'; the states are queued, running, succeeded, failed\n");
    }

    @Test
    void aRunsErrorNamesTheProductOnce() {
        assertThat(TestCommand.aboutProduct("sales-orders", "product 'sales-orders' has no output port called 'x'"))
                .isEqualTo("product 'sales-orders' has no output port called 'x'");
        assertThat(TestCommand.aboutProduct("sales-orders", "sales-orders/orders/v1 has published nothing yet"))
                .isEqualTo("sales-orders/orders/v1 has published nothing yet");
        assertThat(TestCommand.aboutProduct("sales", "sales-orders/orders/v1 has published nothing yet"))
                .isEqualTo("sales: sales-orders/orders/v1 has published nothing yet");
        assertThat(TestCommand.aboutProduct("sales-orders", "the test failed unexpectedly"))
                .isEqualTo("sales-orders: the test failed unexpectedly");
    }

    private record Run(String id, Instant created, Instant finished, String out) {
    }

    /** The document's top-level version with its patch number one higher. */
    private static String bumpPatch(String text) {
        Matcher version = Pattern.compile("(?m)^version: (\\d+)\\.(\\d+)\\.(\\d+)$").matcher(text);
        assertThat(version.find()).isTrue();
        return version.replaceFirst("version: " + version.group(1) + "." + version.group(2) + "."
                + (Integer.parseInt(version.group(3)) + 1));
    }
}
