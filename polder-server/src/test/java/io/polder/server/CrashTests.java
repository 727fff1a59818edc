package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.PageRequest;
import io.polder.registry.Registry;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Contract;
import io.polder.registry.catalog.ContractDetail;
import io.polder.registry.catalog.PortDirection;
import io.polder.registry.catalog.Product;
import io.polder.registry.catalog.ProductDetail;
import io.polder.registry.catalog.ProductFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL during large applies, with a real server process, repeatedly. Each round starts the server on the
 * same data directory and database, applies a bundle that gives every one of {@value #PRODUCTS} products a
 * new version (with a new port version and a new contract version), and kills the process at a seeded
 * random moment: during validation in the first round, after a random number of products were committed
 * in the others. After each kill the store must be consistent (every product present is complete: its
 * versions, its current version's document, port and contract, its audit events), and after the last one
 * the next apply must complete the rest.
 */
abstract class CrashTests {
    private static final int PRODUCTS = 300;
    private static final int ROUNDS = 5;
    private static final long SEED = 20_261_127L;
    private static final Principal CHECKER = Principal.platformAdmin("crash-check");

    private TestDatabase database;
    private Path dataDir;
    private String jdbcUrl;
    private Path log;

    abstract TestDatabase database();

    @BeforeEach
    void prepare() throws IOException {
        database = database();
        dataDir = TestServer.temporaryDirectory();
        jdbcUrl = database.create(dataDir);
        log = Files.createTempFile("polder-crash-test", ".log");
    }

    @AfterEach
    void cleanUp() throws IOException {
        database.drop();
        TestServer.deleteRecursively(dataDir);
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void killedDuringLargeAppliesTheStoreStaysConsistentAndTheNextApplyCompletesIt() throws Exception {
        Random random = new Random(SEED);
        List<String> report = new ArrayList<>();
        int killedWhileWriting = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            String kill = killDuringApply(round, random);
            long killed = System.nanoTime();
            Map<Integer, Integer> byVersion = checkConsistency(round);
            kill += String.format(" (%.1f s to the kill, %.1f s to check)", (killed - start) / 1e9,
                    (System.nanoTime() - killed) / 1e9);
            int atThisVersion = byVersion.getOrDefault(round, 0);
            if (atThisVersion > 0 && atThisVersion < PRODUCTS) {
                killedWhileWriting++;
            }
            report.add("round " + round + ": " + kill + "; store: products by major version " + byVersion);
        }
        try (ServerProcess server = ServerProcess.start(dataDir, jdbcUrl, log, List.of())) {
            String token = adminToken();
            Answer completed = server.api().post("/api/v1/apply", token, Meshes.generated(PRODUCTS, ROUNDS));
            assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
            assertThat(completed.json().path("applied").asBoolean()).isTrue();
            JsonNode plan = server.api().post("/api/v1/plan", token, Meshes.generated(PRODUCTS, ROUNDS)).json();
            assertThat(plan.path("items").findValuesAsText("change")).containsOnly("unchanged");
            server.stop();
        }
        Map<Integer, Integer> completed = checkConsistency(ROUNDS);
        report.add("after the next apply: " + completed);
        System.out.println("crash test on " + database.name() + ":\n  " + String.join("\n  ", report));
        assertThat(completed).isEqualTo(Map.of(ROUNDS, PRODUCTS));
        assertThat(killedWhileWriting).as(String.join("\n", report)).isGreaterThanOrEqualTo(ROUNDS - 2);
    }

    /** Starts the server, starts the round's apply, kills the process at the round's moment; says how it went. */
    private String killDuringApply(int round, Random random) throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, jdbcUrl, log, List.of())) {
            String token = adminToken();
            String body = ApiClient.json(Meshes.generated(PRODUCTS, round));
            // at most 70%: the kill lands a few products after the target, and must land before the last one
            int target = (int) (PRODUCTS * (0.1 + 0.6 * random.nextDouble()));
            long validationDelay = random.nextInt(300);
            CompletableFuture<String> apply = CompletableFuture.supplyAsync(() -> {
                try {
                    return "the apply answered " + server.api().post("/api/v1/apply", token, body).status();
                } catch (UncheckedIOException e) {
                    return "the apply was cut off";
                }
            });
            String moment;
            if (round == 1) {
                Thread.sleep(validationDelay);
                moment = "killed " + validationDelay + " ms after the apply started";
            } else {
                int seen = awaitCommitted(server.api(), token, round, target, apply);
                moment = "killed after " + seen + " products were committed (target " + target + ")";
            }
            server.kill();
            return moment + ", " + apply.get(2, TimeUnit.MINUTES);
        }
    }

    /** Polls the audit log (written in each product's transaction) until {@code target} products are committed. */
    private static int awaitCommitted(ApiClient api, String token, int round, int target, CompletableFuture<String> apply)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int seen = 0;
        while (seen < target && !apply.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            seen = committed(api, token, round);
        }
        return seen;
    }

    private static int committed(ApiClient api, String token, int round) {
        Answer events = api.get("/api/v1/audit?action=apply-product&outcome=succeeded&limit=1000", token);
        int count = 0;
        for (JsonNode event : events.json().path("items")) {
            if (event.path("details").path("toVersion").asText().equals(round + ".0.0")) {
                count++;
            }
        }
        return count;
    }

    /**
     * Opens the store (the server is not running) and checks every product of the generated domain; returns
     * how many products are at each major version.
     */
    private Map<Integer, Integer> checkConsistency(int round) {
        String url = jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve("polder.db");
        Map<Integer, Integer> byVersion = new TreeMap<>();
        try (Registry registry = Registry.open(url)) {
            CatalogService catalog = registry.catalog();
            List<Product> products = catalog.listProducts(ProductFilter.inDomain("bulk"), PageRequest.first(1000)).items();
            for (Product product : products) {
                int current = checkProduct(registry, product, round);
                byVersion.merge(current, 1, Integer::sum);
            }
            List<Contract> contracts = catalog.listContracts(null, PageRequest.first(1000)).items().stream()
                    .filter(contract -> contract.productId().startsWith("bulk-")).toList();
            assertThat(contracts).as("every contract belongs to a stored product").hasSameSizeAs(products)
                    .allMatch(contract -> products.stream().anyMatch(product -> product.id().equals(contract.productId())));
        }
        return byVersion;
    }

    /** Checks one product is complete; returns its current major version. */
    private static int checkProduct(Registry registry, Product product, int round) {
        String id = product.id();
        ProductDetail detail = registry.catalog().getProduct(id);
        int current = major(product.currentVersion());
        List<Integer> versions = detail.versions().stream().map(version -> major(version.version())).toList();
        assertThat(current).as(id).isBetween(1, round);
        assertThat(versions).as(id + " versions, newest first").isSortedAccordingTo((a, b) -> b - a).startsWith(current);
        assertThat(product.revision()).as(id + " revision").isEqualTo(versions.size());
        assertThat(detail.ports()).as(id + " ports").singleElement().satisfies(port -> {
            assertThat(port.direction()).isEqualTo(PortDirection.OUTPUT);
            assertThat(port.name()).isEqualTo("items");
            assertThat(port.version()).isEqualTo(product.currentVersion());
            assertThat(port.contractId()).isEqualTo(id + "-items");
        });
        assertThat(detail.contracts()).as(id + " contracts").singleElement()
                .satisfies(contract -> assertThat(contract.currentVersion()).isEqualTo(product.currentVersion()));
        ContractDetail contract = registry.catalog().getContract(id + "-items");
        assertThat(contract.versions().stream().map(version -> major(version.version())).sorted((a, b) -> b - a).toList())
                .as(id + " contract versions").isEqualTo(versions);
        assertThat(registry.catalog().getProductVersion(id, product.currentVersion()).document().text())
                .isEqualTo(Meshes.generatedProduct(id, current));
        assertThat(registry.catalog().getContractVersion(id + "-items", product.currentVersion()).document().text())
                .isEqualTo(Meshes.generatedContract(id, current));
        long audited = registry.audit().list(CHECKER, AuditFilter.all().withTarget("product/" + id)
                .withAction("apply-product").withOutcome(AuditOutcome.SUCCEEDED), PageRequest.first(100)).items().size();
        assertThat(audited).as(id + " audit events, one per published version").isEqualTo(versions.size());
        return current;
    }

    private static int major(String version) {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    private String adminToken() {
        try {
            return Files.readString(dataDir.resolve("admin.token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
