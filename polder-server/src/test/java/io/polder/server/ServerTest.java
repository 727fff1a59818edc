package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.PageRequest;
import io.polder.registry.Registry;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.ProductFilter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.polder.registry.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over HTTP on SQLite: startup, reads, lists, plan and apply, lifecycle, tokens, audit, metrics. */
class ServerTest {
    private TestServer server;
    private ApiClient api;
    private String admin;

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabase.sqlite());
        api = server.api();
        admin = server.adminToken();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void applyExample() {
        Answer applied = api.post("/api/v1/apply", admin, Meshes.example());
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    }

    @Test
    void answersHealthWithoutATokenAndWritesTheFirstAdminTokenForItsOwnerOnly() throws Exception {
        Answer health = api.get("/api/v1/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        Path tokenFile = server.dataDir().resolve("admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(admin).startsWith("pld_");
        assertThat(api.get("/api/v1/tokens", admin).status()).isEqualTo(200);
    }

    @Test
    void aRestartKeepsTheFirstAdminToken() {
        Path dataDir = TestServer.temporaryDirectory();
        try {
            ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, null);
            String first;
            try (PolderServer started = PolderServer.start(config)) {
                first = readToken(dataDir);
                assertThat(new ApiClient(started.baseUrl()).get("/api/v1/tokens", first).status()).isEqualTo(200);
            }
            try (PolderServer restarted = PolderServer.start(config)) {
                assertThat(readToken(dataDir)).isEqualTo(first);
                assertThat(new ApiClient(restarted.baseUrl()).get("/api/v1/tokens", first).json().path("items")).hasSize(1);
            }
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }

    @Test
    void aTakenPortStopsTheStartBeforeTheRegistryOrTheTokenIsCreated() throws Exception {
        Path dataDir = TestServer.temporaryDirectory();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> PolderServer.start(new ServerConfig("127.0.0.1", port, dataDir, null)))
                    .isInstanceOf(io.polder.error.PolderException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ", the HTTP port: it is in use (another Polder"
                            + " server?) or not allowed; choose another with --port");
            assertThatThrownBy(() -> PolderServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null)
                    .withFlightPort(port)))
                    .hasMessageContaining("127.0.0.1:" + port + ", the Arrow Flight SQL port")
                    .hasMessageEndingWith("choose another with --flight-port, or --flight-port -1 for none");
            assertThat(dataDir.resolve("polder.db")).doesNotExist();
            assertThat(dataDir.resolve("admin.token")).doesNotExist();
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }

    private static String readToken(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("admin.token")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void closingLetsTheRequestsInFlightFinish() throws Exception {
        Path dataDir = TestServer.temporaryDirectory();
        try {
            PolderServer started = PolderServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
            ApiClient client = new ApiClient(started.baseUrl());
            String token = readToken(dataDir);
            CompletableFuture<Answer> apply = CompletableFuture.supplyAsync(() ->
                    client.post("/api/v1/apply", token, Meshes.generated(200, 1)));
            AuditFilter published = AuditFilter.all().withAction("apply-product").withOutcome(AuditOutcome.SUCCEEDED);
            while (started.registry().audit().list(Principal.platformAdmin("test"), published, PageRequest.first(1))
                    .items().isEmpty() && !apply.isDone()) {
                Thread.sleep(5);
            }
            assertThat(apply.isDone()).as("the apply is still writing when the server is closed").isFalse();
            started.close();
            Answer answer = apply.get(1, TimeUnit.MINUTES);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("applied").asBoolean()).isTrue();
            try (Registry reopened = Registry.open("jdbc:sqlite:" + dataDir.resolve("polder.db"))) {
                assertThat(reopened.catalog().listProducts(ProductFilter.inDomain("bulk"), PageRequest.first(1000)).items())
                        .hasSize(200);
            }
            assertThatThrownBy(() -> client.get("/api/v1/health", null)).isInstanceOf(UncheckedIOException.class);
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerInTheErrorShape() {
        Answer unknown = api.get("/api/v1/nothing-here", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(unknown.json().path("message").asText()).contains("/api/v1/nothing-here");
        assertThat(unknown.json().has("details")).isTrue();
        Answer wrongMethod = api.send("PUT", "/api/v1/products", admin, "{}", Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
        Answer deleteProduct = api.delete("/api/v1/products/sales-orders", admin);
        assertThat(deleteProduct.status()).isEqualTo(405);
    }

    @Test
    void listsArePagedWithOpaqueCursors() {
        applyExample();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = api.get("/api/v1/products?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
            assertThat(page.json().has("nextCursor")).isTrue();
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(ids).hasSize(7).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(3);
        assertThat(api.get("/api/v1/products?limit=1000", admin).json().path("items")).hasSize(7);
    }

    @Test
    void filtersNarrowListings() {
        applyExample();
        assertThat(ids(api.get("/api/v1/products?domain=sales", admin), "id"))
                .containsExactly("sales-daily-revenue", "sales-orders");
        assertThat(ids(api.get("/api/v1/products?team=sales-order-team&status=active", admin), "id"))
                .containsExactly("sales-orders");
        assertThat(ids(api.get("/api/v1/teams?domain=sales", admin), "id"))
                .containsExactly("sales-analytics-team", "sales-order-team");
        assertThat(ids(api.get("/api/v1/members?team=sales-order-team", admin), "name"))
                .containsExactly("dana@acme.example", "omar@acme.example");
        assertThat(ids(api.get("/api/v1/contracts?product=logistics-shipments", admin), "id"))
                .containsExactly("logistics-shipments-shipments", "logistics-shipments-tracking-events");
        JsonNode inputs = api.get("/api/v1/ports?product=sales-daily-revenue&direction=input", admin).json().path("items");
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).path("direction").asText()).isEqualTo("input");
        assertThat(inputs.get(0).path("contractId").asText()).isEqualTo("sales-orders-orders");
    }

    @Test
    void badListParametersAreRefusedByName() {
        Map<String, String> refusals = Map.of(
                "/api/v1/products?status=sleeping", "status",
                "/api/v1/ports?direction=sideways", "direction",
                "/api/v1/products?limit=0", "limit",
                "/api/v1/products?limit=1001", "limit",
                "/api/v1/products?limit=ten", "limit",
                "/api/v1/products?cursor=bm90LWEtY3Vyc29y", "cursor",
                "/api/v1/products?domian=sales", "domian",
                "/api/v1/products?domain=sales&domain=customer", "domain",
                "/api/v1/audit?since=yesterday", "since");
        refusals.forEach((path, named) -> {
            Answer answer = api.get(path, admin);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_ARGUMENT");
            assertThat(answer.json().path("message").asText()).as(path).contains(named);
        });
    }

    @Test
    void readsEveryEntityWithInstantsAsIsoText() {
        applyExample();
        assertThat(api.get("/api/v1/domains/sales", admin).json().path("owners").get(0).asText()).isEqualTo("dana@acme.example");
        assertThat(api.get("/api/v1/teams/sales-order-team", admin).json().path("members")).hasSize(2);
        assertThat(api.get("/api/v1/members/dana@acme.example", admin).json().path("memberships")).hasSize(2);
        Answer product = api.get("/api/v1/products/sales-orders", admin);
        assertThat(product.header("ETag")).isEqualTo("\"1\"");
        JsonNode detail = product.json();
        assertThat(detail.path("product").path("currentVersion").asText()).isEqualTo("1.2.0");
        assertThat(Instant.parse(detail.path("product").path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(detail.path("product").path("sunsetDate").isNull()).isTrue();
        assertThat(detail.path("versions")).hasSize(1);
        assertThat(detail.path("ports").get(0).path("direction").asText()).isEqualTo("output");
        assertThat(detail.path("contracts").get(0).path("id").asText()).isEqualTo("sales-orders-orders");
        assertThat(api.get("/api/v1/products/sales-orders/versions", admin).json().path("items")).hasSize(1);
        JsonNode version = api.get("/api/v1/products/sales-orders/versions/1.2.0", admin).json();
        assertThat(version.path("document").path("text").asText()).contains("id: sales-orders");
        assertThat(version.path("version").path("digest").asText()).hasSize(64);
        assertThat(api.get("/api/v1/contracts/sales-orders-orders", admin).json().path("versions")).hasSize(1);
        assertThat(api.get("/api/v1/contracts/sales-orders-orders/versions", admin).json().path("items")).hasSize(1);
        assertThat(api.get("/api/v1/contracts/sales-orders-orders/versions/1.2.0", admin).json()
                .path("document").path("text").asText()).contains("kind: DataContract");
        assertThat(api.get("/api/v1/products/no-such-product", admin).code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/v1/products/sales-orders/versions/9.9.9", admin).status()).isEqualTo(404);
    }

    @Test
    void planChangesNothingAndApplyIsIdempotent() {
        JsonNode plan = api.post("/api/v1/plan", admin, Meshes.example()).json();
        assertThat(plan.path("applied").asBoolean()).isFalse();
        assertThat(plan.path("items").findValuesAsText("change")).contains("add");
        assertThat(api.get("/api/v1/products", admin).json().path("items")).isEmpty();
        JsonNode dryRun = api.post("/api/v1/apply?dryRun=true", admin, Meshes.example()).json();
        assertThat(dryRun.path("applied").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/products", admin).json().path("items")).isEmpty();
        applyExample();
        JsonNode again = api.post("/api/v1/apply", admin, Meshes.example()).json();
        assertThat(again.path("applied").asBoolean()).isTrue();
        assertThat(again.path("items").findValuesAsText("change")).containsOnly("unchanged");
        JsonNode selected = api.post("/api/v1/apply?product=sales-orders", admin,
                Meshes.salesOrders(Meshes.example(), "1.3.0", null)).json();
        assertThat(selected.path("items").findValuesAsText("id")).contains("sales-orders");
        assertThat(api.get("/api/v1/products/sales-orders", admin).json().path("product").path("currentVersion").asText())
                .isEqualTo("1.3.0");
        Answer pruneAndSelect = api.post("/api/v1/apply?prune=true&product=sales-orders", admin, Meshes.example());
        assertThat(pruneAndSelect.status()).isEqualTo(400);
    }

    @Test
    void prunedProductsAreRetired() {
        applyExample();
        Answer pruned = api.post("/api/v1/apply?prune=true", admin,
                new io.polder.registry.apply.MeshBundle(Meshes.example().meshYaml(), Meshes.example().products().stream()
                        .filter(product -> !product.path().equals("finance/finance-revenue-report")).toList()));
        assertThat(pruned.status()).as(pruned.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/products/finance-revenue-report", admin).json().path("product").path("status").asText())
                .isEqualTo("retired");
    }

    @Test
    void republishingAVersionWithOtherContentIsAConflict() {
        applyExample();
        Answer conflict = api.post("/api/v1/apply", admin, Meshes.salesOrders(Meshes.example(), "1.2.0", "changed"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("CONFLICT");
        assertThat(conflict.json().path("message").asText()).contains("immutable");
    }

    @Test
    void invalidDocumentsAnswer422WithPositionedProblems() {
        Answer invalid = api.post("/api/v1/apply", admin, Meshes.withProduct(Meshes.example(), "sales/sales-orders",
                text -> text.replace("kind: DataProduct", "kind: DataProduct\nunknownField: 1")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.code()).isEqualTo("INVALID_DOCUMENT");
        JsonNode problem = invalid.json().path("details").path("problems").get(0);
        assertThat(problem.path("file").asText()).isEqualTo("sales/sales-orders/product.odps.yaml");
        assertThat(problem.path("line").asInt()).isPositive();
        assertThat(problem.path("column").asInt()).isPositive();
        assertThat(problem.path("pointer").asText()).isEqualTo("/unknownField");
        assertThat(problem.path("severity").asText()).isEqualTo("error");
        assertThat(problem.path("message").asText()).isNotBlank();
        assertThat(api.get("/api/v1/products", admin).json().path("items")).isEmpty();
    }

    @Test
    void lifecycleChangesNeedTheCurrentETag() {
        applyExample();
        String path = "/api/v1/products/sales-orders/lifecycle";
        Map<String, String> deprecate = Map.of("status", "deprecated", "sunsetDate", LocalDate.now().plusYears(1).toString());
        Answer withoutIfMatch = api.post(path, admin, deprecate);
        assertThat(withoutIfMatch.status()).isEqualTo(428);
        assertThat(withoutIfMatch.code()).isEqualTo("PRECONDITION_REQUIRED");
        assertThat(api.send("POST", path, admin, deprecate, Map.of("If-Match", "W/\"1\"")).status()).isEqualTo(400);
        Answer stale = api.send("POST", path, admin, deprecate, Map.of("If-Match", "\"7\""));
        assertThat(stale.status()).isEqualTo(409);
        String etag = api.get("/api/v1/products/sales-orders", admin).header("ETag");
        Answer changed = api.send("POST", path, admin, deprecate, Map.of("If-Match", etag));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("status").asText()).isEqualTo("deprecated");
        assertThat(changed.header("ETag")).isEqualTo("\"2\"").isEqualTo(api.get("/api/v1/products/sales-orders", admin).header("ETag"));
        Answer again = api.send("POST", path, admin, Map.of("status", "retired"), Map.of("If-Match", etag));
        assertThat(again.status()).as("the old ETag is stale now").isEqualTo(409);
        Answer badMove = api.send("POST", "/api/v1/products/sales-daily-revenue/lifecycle", admin, Map.of("status", "draft"),
                Map.of("If-Match", "\"1\""));
        assertThat(badMove.status()).isEqualTo(409);
        Answer pastSunset = api.send("POST", "/api/v1/products/sales-daily-revenue/lifecycle", admin,
                Map.of("status", "deprecated", "sunsetDate", "2001-01-01"), Map.of("If-Match", "\"1\""));
        assertThat(pastSunset.status()).isEqualTo(400);
    }

    @Test
    void tokensAreCreatedShownOnceListedWithoutSecretsAndRevoked() {
        Answer unknownDomain = api.post("/api/v1/tokens", admin,
                Map.of("name", "ci-sales", "role", "domain-owner", "domain", "sales", "validForDays", 30));
        assertThat(unknownDomain.status()).as("no mesh applied yet: " + unknownDomain).isEqualTo(404);
        assertThat(unknownDomain.json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknownDomain.json().path("message").asText()).contains("no domain 'sales'").contains("GET /api/v1/domains");
        assertThat(unknownDomain.json().path("details").path("domain").asText()).isEqualTo("sales");
        assertThat(api.post("/api/v1/apply", admin, Meshes.example()).status()).isEqualTo(200);
        Answer unknownTeam = api.post("/api/v1/tokens", admin, Map.of("name", "omar", "role", "member", "team", "nobody"));
        assertThat(unknownTeam.status()).isEqualTo(404);
        assertThat(unknownTeam.json().path("message").asText()).contains("no team 'nobody'").contains("GET /api/v1/teams");
        assertThat(ids(api.get("/api/v1/tokens", admin), "name")).containsExactly("admin");
        Answer created = api.post("/api/v1/tokens", admin,
                Map.of("name", "ci-sales", "role", "domain-owner", "domain", "sales", "validForDays", 30));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        String id = created.json().path("token").path("id").asText();
        assertThat(secret).startsWith("pld_" + id + "_");
        assertThat(created.json().path("token").path("expiresAt").asText()).isNotBlank();
        assertThat(api.get("/api/v1/products", secret).status()).isEqualTo(200);
        Answer list = api.get("/api/v1/tokens", admin);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("secret");
        assertThat(ids(list, "name")).contains("admin", "ci-sales");
        assertThat(api.get("/api/v1/tokens/" + id, admin).json().path("role").asText()).isEqualTo("domain-owner");
        Answer revoked = api.delete("/api/v1/tokens/" + id, admin);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").asText()).isNotBlank();
        assertThat(api.get("/api/v1/products", secret).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/tokens", admin, Map.of("name", "x", "role", "wizard")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/tokens", admin, Map.of("name", "x", "role", "domain-owner")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/tokens", admin, Map.of("name", "x", "role", "consumer", "validForDays", 0)).status())
                .isEqualTo(400);
        assertThat(api.delete("/api/v1/tokens/01ARZ3NDEKTSV4RRFFQ69G5FAV", admin).status()).isIn(400, 404);
    }

    @Test
    void expiredTokensAreRefused() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer timed = TestServer.start(TestDatabase.sqlite(), config -> config, clock)) {
            Answer created = timed.api().post("/api/v1/tokens", timed.adminToken(),
                    Map.of("name", "short-lived", "role", "consumer", "validForDays", 1));
            String secret = created.json().path("secret").asText();
            assertThat(timed.api().get("/api/v1/domains", secret).status()).isEqualTo(200);
            clock.advance(Duration.ofDays(2));
            Answer expired = timed.api().get("/api/v1/domains", secret);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void theAuditLogShowsChangesAndRefusals() {
        applyExample();
        String consumer = server.token("reader", Role.CONSUMER, null, null);
        assertThat(api.get("/api/v1/tokens", consumer).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/products", "pld_not-a-token").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/apply", admin, "{not json").status()).isEqualTo(400);
        JsonNode denied = api.get("/api/v1/audit?outcome=denied", admin).json().path("items");
        assertThat(denied.findValuesAsText("principal")).contains("reader", "anonymous");
        JsonNode applied = api.get("/api/v1/audit?action=apply-product&outcome=succeeded&target=product/sales-orders", admin)
                .json().path("items");
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).path("principal").asText()).isEqualTo("admin");
        JsonNode failed = api.get("/api/v1/audit?outcome=failed&principal=admin", admin).json().path("items");
        assertThat(failed.findValuesAsText("target")).contains("api:POST /api/v1/apply");
        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        assertThat(api.get("/api/v1/audit?since=" + future, admin).json().path("items")).isEmpty();
        assertThat(api.get("/api/v1/audit?until=" + future, admin).json().path("items").size()).isGreaterThan(3);
        JsonNode anonymous = api.get("/api/v1/audit?action=authenticate", admin).json().path("items");
        assertThat(anonymous.findValuesAsText("principal")).contains("anonymous");
        Answer bogus = api.get("/api/v1/audit?action=bogus", admin);
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.json().path("message").asText()).contains("query parameter 'action'")
                .contains("unknown audit action 'bogus'").contains("apply-product, authenticate, build-product").contains("sign-in");
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndTimeTheStore() {
        applyExample();
        api.get("/api/v1/products/sales-orders", admin);
        api.get("/api/v1/products/no-such-product", admin);
        api.get("/api/v1/no-such-route", admin);
        long evaluated = server.registry().compliance().evaluations();
        api.get("/api/v1/compliance", admin);
        api.get("/api/v1/compliance", admin);
        Answer metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).as("two reads of an unchanged registry: at most the first evaluates")
                .containsAnyOf("polder_compliance_evaluations_total " + evaluated + "\n",
                        "polder_compliance_evaluations_total " + (evaluated + 1) + "\n");
        assertThat(metrics.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        assertThat(metrics.body())
                .contains("polder_http_requests_total{method=\"GET\",route=\"/api/v1/products/{id}\",status=\"200\"} 1")
                .contains("polder_http_requests_total{method=\"GET\",route=\"/api/v1/products/{id}\",status=\"404\"} 1")
                .contains("polder_http_requests_total{method=\"GET\",route=\"(unmatched)\",status=\"404\"} 1")
                .contains("polder_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/apply\",le=\"+Inf\"} 1")
                .contains("polder_store_statement_duration_seconds_count{statement=\"insert\",table=\"product_versions\"} 7")
                .contains("polder_apply_duration_seconds_count{mode=\"apply\",outcome=\"ok\"} 1")
                .doesNotContain("sales-orders").doesNotContain("no-such");
        for (String line : metrics.body().split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*})? [0-9.E+-]+");
        }
    }

    private static List<String> ids(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        answer.json().path("items").forEach(item -> values.add(item.path(field).asText()));
        return values;
    }
}
