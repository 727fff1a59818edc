package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.PageRequest;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.ProductFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on protected routes: malformed, oversized and unknown-field bodies; ids with quotes, semicolons,
 * {@code ../}, look-alike letters or 10,000 characters; path tricks ({@code ;}, {@code %2e%2e}, double
 * encoding, trailing slash); identity smuggled in other headers. Each gets a clear 4xx in the error shape,
 * nothing is stored (checked after every test) and nothing leaks (no stack trace, SQL, class name, echoed
 * token or unbounded echo of the input).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final long MAX_BODY = 256 * 1024;
    private static final Pattern LEAK = Pattern.compile(
            "(?i)exception|\\tat |java\\.|org\\.|io\\.polder|select |insert |sqlite|postgres|jdbc|stack");
    private static final String TEN_THOUSAND = "x".repeat(10_000);
    /** Ids as they travel in a path, already encoded. */
    private static final List<String> BAD_IDS = List.of(
            "sales-orders'", "sales-orders%22", "%22sales-orders%22", "sales%3Borders", "sales-orders%27%3B%20DROP%20TABLE%20products%3B%20--",
            "%2e%2e", "%2E%2E", "..%2fsales-orders", "%2e%2e%2fsales-orders", "%252e%252e", "%252e%252e%252fsales-orders",
            "..", "s%D0%B0les-orders", "sales-orders%E2%80%8B", "%EF%BD%93ales-orders", "sales orders",
            "sales-orders%0A", TEN_THOUSAND);
    /** Whole paths with tricks: path parameters, dot segments, empty segments, a trailing slash. */
    private static final List<String> TRICK_PATHS = List.of(
            "/api/v1/products/sales-orders;jsessionid=1", "/api/v1/products;x=1/sales-orders", "/api/v1/tokens;",
            "/api/v1/products/sales-orders/", "/api/v1/products/", "/api/v1/tokens/", "/api/v1/products/../tokens",
            "/api/v1/products/./sales-orders", "/api/v1//products/sales-orders", "/api/v1/products/%2e%2e/tokens",
            "/api/v1/products/sales-orders%2f..%2f..%2ftokens", "/api/v1/%2574okens", "/api/v1/products/sales-orders%5c",
            "/api/v1/products/a%00b", "/api/v1/products/%zz");

    private TestServer server;
    private ApiClient api;
    private String admin;
    private Snapshot before;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.sqlite(), config -> config.withMaxBodyBytes(MAX_BODY),
                java.time.Clock.systemUTC());
        api = server.api();
        admin = server.adminToken();
        assertThat(api.post("/api/v1/apply", admin, Meshes.example()).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void snapshot() {
        before = Snapshot.of(server);
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(Snapshot.of(server)).isEqualTo(before);
    }

    @Test
    void badIdsInPathsAreRefusedOnEveryKindOfRoute() {
        String etag = api.get("/api/v1/products/sales-orders", admin).header("ETag");
        refused(raw("GET /api/v1/products/SALES-ORDERS"), 400, "upper case in a product id");
        for (String id : BAD_IDS) {
            refused(raw("GET /api/v1/products/" + id), 400, id);
            refused(raw("GET /api/v1/products/sales-orders/versions/" + id), 400, id);
            refused(raw("GET /api/v1/contracts/" + id), 400, id);
            refused(raw("GET /api/v1/members/" + id), 400, id);
            refused(raw("GET /api/v1/tokens/" + id), 400, id);
            refused(raw("DELETE /api/v1/tokens/" + id), 400, id);
            refused(api.raw("POST /api/v1/products/" + id + "/lifecycle", List.of("Authorization: Bearer " + admin,
                    "Content-Type: application/json", "If-Match: " + etag),
                    "{\"status\":\"retired\"}".getBytes(StandardCharsets.UTF_8)), 400, id);
        }
    }

    @Test
    void pathTricksAreRefusedBeforeAnyRoute() {
        for (String path : TRICK_PATHS) {
            refused(raw("GET " + path), 400, path);
            refused(raw("DELETE " + path), 400, path);
        }
        Answer revoke = api.raw("DELETE /api/v1/tokens;x=1/" + tokenId(), List.of("Authorization: Bearer " + admin), null);
        refused(revoke, 400, "path parameter on a token");
    }

    @Test
    void aPathOverTheHeaderLimitIsRefusedAsTooLarge() {
        Answer answer = raw("GET /api/v1/products/" + "x".repeat(20_000));
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.code()).isEqualTo("TOO_LARGE");
    }

    @Test
    void aTenThousandCharacterIdIsRefusedWithoutBeingEchoed() {
        Answer answer = raw("GET /api/v1/products/" + TEN_THOUSAND);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("10000 characters").hasSizeLessThan(400);
    }

    @Test
    void badIdsInQueryParametersAreRefused() {
        for (String value : List.of("sales'", "%27%3B%20DROP%20TABLE%20products%3B--", "..%2Fsales", "s%D0%B0les",
                "sales%3B", TEN_THOUSAND.substring(0, 2000))) {
            refused(api.get("/api/v1/products?domain=" + value, admin), 400, value);
            refused(api.get("/api/v1/teams?domain=" + value, admin), 400, value);
            refused(api.get("/api/v1/members?team=" + value, admin), 400, value);
            refused(api.get("/api/v1/contracts?product=" + value, admin), 400, value);
            refused(api.get("/api/v1/ports?product=" + value, admin), 400, value);
        }
    }

    @Test
    void malformedBodiesAreRefusedWithTheirPlace() {
        Map<String, String> bodies = Map.of(
                "{not json", "malformed JSON at line 1, column 2",
                "", "needs a JSON body",
                "{\"meshYaml\":\"x\",\"products\":[],\"extra\":1}", "unknown field 'extra'",
                "{\"meshYaml\":\"x\",\"products\":[{\"path\":\"a/b\",\"productYaml\":\"x\",\"contracts\":[],\"owner\":\"me\"}]}",
                "unknown field 'owner' (at /products/0/owner)",
                "{\"meshYaml\":5,\"products\":[]}", "wrong type of value (at /meshYaml)",
                "{\"meshYaml\":\"x\",\"products\":{}}", "wrong type of value (at /products)",
                "{\"products\":[]}", "meshYaml is null",
                "{\"meshYaml\":\"x\",\"meshYaml\":\"y\",\"products\":[]}", "Duplicate field 'meshYaml'",
                "{\"meshYaml\":\"x\",\"products\":[]} []", "malformed JSON: there is more after the JSON value",
                "{\"meshYaml\":\"x\",\"products\":" + "[".repeat(100) + "]".repeat(100) + "}", "wrong type of value");
        bodies.forEach((body, message) -> {
            Answer answer = api.post("/api/v1/apply", admin, body);
            refused(answer, 400, body);
            assertThat(answer.json().path("message").asText()).as(body).contains(message);
        });
    }

    @Test
    void bundlePathsAndFileNamesMustBePlain() {
        for (String path : List.of("../escape", "/absolute", "a/../../b", "a\\\\b", "", "a//b")) {
            String body = "{\"meshYaml\":\"x\",\"products\":[{\"path\":\"" + path + "\",\"productYaml\":\"x\",\"contracts\":[]}]}";
            refused(api.post("/api/v1/apply", admin, body), 400, path);
        }
        String fileName = "{\"meshYaml\":\"x\",\"products\":[{\"path\":\"a/b\",\"productYaml\":\"x\","
                + "\"contracts\":[{\"name\":\"../x.yaml\",\"text\":\"x\"}]}]}";
        refused(api.post("/api/v1/apply", admin, fileName), 400, fileName);
    }

    @Test
    void bodiesOfOtherRoutesAreReadAsStrictly() {
        String etag = api.get("/api/v1/products/sales-orders", admin).header("ETag");
        Map<String, String> ifMatch = Map.of("If-Match", etag);
        for (String body : List.of("{\"status\":1}", "{\"status\":\"deprecated\",\"sunsetDate\":\"tomorrow\"}",
                "{\"status\":\"retired\",\"by\":\"admin\"}", "{\"status\":\"sleeping\"}", "{}")) {
            refused(api.send("POST", "/api/v1/products/sales-orders/lifecycle", admin, body, ifMatch), 400, body);
        }
        for (String body : List.of("{\"name\":\"a\",\"role\":\"consumer\",\"validForDays\":\"5\"}",
                "{\"name\":\"a\",\"role\":\"consumer\",\"validForDays\":2.5}",
                "{\"name\":\"a\",\"role\":\"consumer\",\"validForDays\":1000000000}",
                "{\"name\":\"a'b\",\"role\":\"consumer\"}", "{\"name\":\"a\",\"role\":\"root\"}",
                "{\"name\":\"a\",\"name\":\"b\",\"role\":\"consumer\"}", "{\"name\":7,\"role\":\"consumer\"}",
                "{\"name\":\"a\",\"role\":\"consumer\",\"principal\":\"admin\"}")) {
            refused(api.post("/api/v1/tokens", admin, body), 400, body);
        }
        refused(api.send("POST", "/api/v1/apply", admin, null, Map.of("Content-Type", "text/plain")), 400, "no body");
        Answer textBody = api.raw("POST /api/v1/apply", List.of("Authorization: Bearer " + admin,
                "Content-Type: text/plain"), "{}".getBytes(StandardCharsets.UTF_8));
        refused(textBody, 400, "text/plain");
    }

    @Test
    void refusedChangesAreAudited() {
        long failedBefore = failedEvents();
        api.post("/api/v1/apply", admin, "{not json");
        api.post("/api/v1/tokens", admin, "{\"name\":\"a\",\"role\":\"root\"}");
        api.post("/api/v1/products/sales-orders/lifecycle", admin, "{\"status\":\"retired\"}");
        assertThat(failedEvents()).isEqualTo(failedBefore + 3);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreParsed() throws Exception {
        String big = "{\"meshYaml\":\"" + "x".repeat((int) MAX_BODY) + "\",\"products\":[]}";
        Answer declared = api.post("/api/v1/apply", admin, big);
        refused(declared, 413, "declared length");
        assertThat(declared.code()).isEqualTo("TOO_LARGE");
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.baseUrl() + "/api/v1/apply"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as("a chunked body without a length").isEqualTo(413);
        assertThat(api.post("/api/v1/apply", null, big).status()).as("no token: not even read").isEqualTo(401);
    }

    @Test
    void identityComesFromTheBearerTokenAlone() {
        for (String header : List.of("X-Polder-Principal: admin", "X-Forwarded-User: admin", "X-Remote-User: admin",
                "Authorization: Basic YWRtaW46YWRtaW4=", "Authorization: Bearer", "Authorization: Token " + admin,
                "Authorization: Bearer " + admin + "x", "Authorization: Bearer pld_01ARZ3NDEKTSV4RRFFQ69G5FAV_secret")) {
            Answer answer = api.raw("GET /api/v1/tokens", List.of(header), null);
            refused(answer, 401, header);
            assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(answer.body()).doesNotContain(admin);
        }
        Answer twoHeaders = api.raw("GET /api/v1/tokens", List.of("Authorization: Bearer " + admin,
                "Authorization: Bearer " + admin), null);
        refused(twoHeaders, 401, "two Authorization headers");
        assertThat(api.raw("GET /api/v1/tokens", List.of("Authorization: bearer " + admin), null).status())
                .as("the scheme is case-insensitive").isEqualTo(200);
        refused(api.get("/api/v1/tokens?access_token=" + admin, null), 401, "token in the query");
    }

    private Answer raw(String requestLine) {
        return api.raw(requestLine, List.of("Authorization: Bearer " + admin), null);
    }

    /** A clear refusal: the status, the error shape, nothing leaked, no long echo of the input. */
    private static void refused(Answer answer, int status, String input) {
        assertThat(answer.status()).as("%s -> %s", shorten(input), answer).isEqualTo(status);
        assertThat(answer.json().path("code").asText()).as(shorten(input)).isNotBlank();
        assertThat(answer.json().path("message").asText()).as(shorten(input)).isNotBlank();
        assertThat(answer.json().has("details")).isTrue();
        assertThat(LEAK.matcher(answer.body()).find()).as("leak in %s", answer).isFalse();
        assertThat(answer.body().length()).as(shorten(input)).isLessThan(1500);
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private String tokenId() {
        return server.registry().tokens().list(Principal.platformAdmin("test"), PageRequest.first()).items().getFirst().id();
    }

    private long failedEvents() {
        return server.registry().audit().list(Principal.platformAdmin("test"),
                AuditFilter.all().withOutcome(AuditOutcome.FAILED), PageRequest.first(1000)).items().size();
    }

    /** What a refused request must not change: products, contracts, tokens and the successful changes audited. */
    private record Snapshot(List<String> products, List<String> contracts, List<String> tokens, long changes) {
        static Snapshot of(TestServer server) {
            var registry = server.registry();
            Principal reader = Principal.platformAdmin("test");
            List<String> products = new ArrayList<>();
            registry.catalog().listProducts(ProductFilter.all(), PageRequest.first(1000)).items().forEach(product ->
                    products.add(product.id() + "@" + product.currentVersion() + "#" + product.revision() + ":" + product.status()));
            List<String> contracts = registry.catalog().listContracts(null, PageRequest.first(1000)).items().stream()
                    .map(contract -> contract.id() + "@" + contract.currentVersion()).toList();
            List<String> tokens = registry.tokens().list(reader, PageRequest.first(1000)).items().stream()
                    .map(token -> token.id() + ":" + token.revokedAt()).toList();
            long changes = registry.audit().list(reader, AuditFilter.all().withOutcome(AuditOutcome.SUCCEEDED),
                    PageRequest.first(1000)).items().size();
            return new Snapshot(products, contracts, tokens, changes);
        }
    }
}
