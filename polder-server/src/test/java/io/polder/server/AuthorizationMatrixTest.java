package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.PageRequest;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.registry.catalog.ProductFilter;
import io.polder.server.http.Route;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * For every route the server serves: each sufficient role alone succeeds, each insufficient role alone gets
 * 403 (and changes nothing), and no token gets 401 (public routes answer without one). The tokens are made
 * through the registry's token service, one principal per role. A domain owner cannot create, move or
 * change objects of another domain, whatever the request body says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    /** The principals of the matrix, each with one role. */
    enum Caller { PLATFORM_ADMIN, GOVERNANCE, SALES_OWNER, CUSTOMER_OWNER, MEMBER, CONSUMER }

    private static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    private static final Set<Caller> APPLIERS = EnumSet.of(Caller.PLATFORM_ADMIN, Caller.SALES_OWNER);
    private static final Set<Caller> ADMIN = EnumSet.of(Caller.PLATFORM_ADMIN);
    private static final Set<Caller> AUDITORS = EnumSet.of(Caller.PLATFORM_ADMIN, Caller.GOVERNANCE);
    private static final Set<Caller> PREVIEWERS = EnumSet.of(Caller.PLATFORM_ADMIN, Caller.GOVERNANCE,
            Caller.SALES_OWNER, Caller.CUSTOMER_OWNER);
    /** Build or test sales-orders: an admin, the sales domain's owner, a member of its owning team. */
    private static final Set<Caller> BUILDERS = EnumSet.of(Caller.PLATFORM_ADMIN, Caller.SALES_OWNER, Caller.MEMBER);
    /** Decide on access to sales-orders/orders: an admin, the sales domain's owner, a member of its owning team. */
    private static final Set<Caller> DECIDERS = BUILDERS;
    /** See matrix-consumer's request for (or grant on) sales-orders/orders: all but the customer domain's owner. */
    private static final Set<Caller> SEE_SALES_ACCESS = EnumSet.complementOf(EnumSet.of(Caller.CUSTOMER_OWNER));

    private final AtomicInteger counter = new AtomicInteger();
    private final Map<Caller, String> tokens = new LinkedHashMap<>();
    private TestServer server;
    private ApiClient api;
    private String admin;
    private String tokenId;
    private String consumerRequestId;
    private String consumerGrantId;

    /** One route's case: who may call it, and how to make a request that succeeds for them. */
    private record Case(Set<Caller> allowed, boolean isPublic, Supplier<Request> request) {
    }

    private record Request(String method, String path, Object body, Map<String, String> headers) {
        static Request get(String path) {
            return new Request("GET", path, null, Map.of());
        }
    }

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.sqlite());
        api = server.api();
        admin = server.adminToken();
        assertThat(api.post("/api/v1/apply", admin, Meshes.example()).status()).isEqualTo(200);
        tokens.put(Caller.PLATFORM_ADMIN, server.token("matrix-admin", Role.PLATFORM_ADMIN, null, null));
        tokens.put(Caller.GOVERNANCE, server.token("matrix-governance", Role.GOVERNANCE, null, null));
        tokens.put(Caller.SALES_OWNER, server.token("matrix-sales-owner", Role.DOMAIN_OWNER, "sales", null));
        tokens.put(Caller.CUSTOMER_OWNER, server.token("matrix-customer-owner", Role.DOMAIN_OWNER, "customer", null));
        tokens.put(Caller.MEMBER, server.token("matrix-member", Role.MEMBER, null, "sales-order-team"));
        tokens.put(Caller.CONSUMER, server.token("matrix-consumer", Role.CONSUMER, null, null));
        tokenId = createdToken("matrix-target");
        var consumerRequest = server.registry().access().request(Principal.consumer("matrix-consumer"),
                io.polder.registry.access.NewAccessRequest.of("sales-orders/orders", "matrix", 30));
        consumerRequestId = consumerRequest.id();
        consumerGrantId = server.registry().access().approve(Principal.platformAdmin("matrix-setup"),
                consumerRequestId, io.polder.registry.access.Approval.asRequested()).grantId();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("GET /api/v1/health", publicRoute("/api/v1/health"));
        cases.put("GET /api/openapi.json", publicRoute("/api/openapi.json"));
        cases.put("GET /metrics", publicRoute("/metrics"));
        read(cases, "/api/v1/domains", "/api/v1/domains");
        read(cases, "/api/v1/domains/{id}", "/api/v1/domains/sales");
        read(cases, "/api/v1/teams", "/api/v1/teams");
        read(cases, "/api/v1/teams/{id}", "/api/v1/teams/sales-order-team");
        read(cases, "/api/v1/members", "/api/v1/members");
        read(cases, "/api/v1/members/{username}", "/api/v1/members/dana@acme.example");
        read(cases, "/api/v1/products", "/api/v1/products");
        read(cases, "/api/v1/products/{id}", "/api/v1/products/sales-orders");
        read(cases, "/api/v1/products/{id}/versions", "/api/v1/products/sales-orders/versions");
        read(cases, "/api/v1/products/{id}/versions/{version}", "/api/v1/products/sales-orders/versions/1.2.0");
        read(cases, "/api/v1/ports", "/api/v1/ports");
        read(cases, "/api/v1/contracts", "/api/v1/contracts");
        read(cases, "/api/v1/contracts/{id}", "/api/v1/contracts/sales-orders-orders");
        read(cases, "/api/v1/contracts/{id}/versions", "/api/v1/contracts/sales-orders-orders/versions");
        read(cases, "/api/v1/contracts/{id}/versions/{version}", "/api/v1/contracts/sales-orders-orders/versions/1.2.0");
        cases.put("POST /api/v1/products/{id}/lifecycle", new Case(APPLIERS, false, this::deprecateSalesDailyRevenue));
        cases.put("POST /api/v1/plan", new Case(APPLIERS, false,
                () -> new Request("POST", "/api/v1/plan", newSalesOrdersVersion(), Map.of())));
        cases.put("POST /api/v1/apply", new Case(APPLIERS, false,
                () -> new Request("POST", "/api/v1/apply", newSalesOrdersVersion(), Map.of())));
        cases.put("GET /api/v1/tokens", new Case(ADMIN, false, () -> Request.get("/api/v1/tokens")));
        cases.put("POST /api/v1/tokens", new Case(ADMIN, false, () -> new Request("POST", "/api/v1/tokens",
                Map.of("name", "made-" + counter.incrementAndGet(), "role", "consumer"), Map.of())));
        cases.put("GET /api/v1/tokens/{id}", new Case(ADMIN, false, () -> Request.get("/api/v1/tokens/" + tokenId)));
        cases.put("DELETE /api/v1/tokens/{id}", new Case(ADMIN, false, () -> new Request("DELETE",
                "/api/v1/tokens/" + createdToken("revoked-" + counter.incrementAndGet()), null, Map.of())));
        cases.put("GET /api/v1/audit", new Case(AUDITORS, false, () -> Request.get("/api/v1/audit")));
        read(cases, "/api/v1/policies", "/api/v1/policies");
        cases.put("POST /api/v1/policies/preview", new Case(PREVIEWERS, false, () -> new Request("POST",
                "/api/v1/policies/preview", Map.of("path", "policies/preview.yaml", "text", """
                        apiVersion: polder/v1
                        kind: Policy
                        id: previewed
                        version: 1.0.0
                        target: product
                        severity: error
                        rule: has(product.tags)
                        message: tag it
                        """), Map.of())));
        read(cases, "/api/v1/compliance", "/api/v1/compliance?domain=sales");
        cases.put("POST /api/v1/compliance", new Case(AUDITORS, false,
                () -> new Request("POST", "/api/v1/compliance", null, Map.of())));
        // builds wait, so that the next caller's build is not refused as a second build of the same product
        cases.put("POST /api/v1/products/{id}/builds", new Case(BUILDERS, false, () -> new Request("POST",
                "/api/v1/products/sales-orders/builds?wait=true", null, Map.of())));
        cases.put("POST /api/v1/products/{id}/tests", new Case(BUILDERS, false, () -> new Request("POST",
                "/api/v1/products/sales-orders/tests?wait=true", null, Map.of())));
        read(cases, "/api/v1/runs", "/api/v1/runs");
        read(cases, "/api/v1/runs/{id}", "/api/v1/runs/" + firstRun());
        read(cases, "/api/v1/products/{id}/ports/{port}/snapshots", "/api/v1/products/sales-orders/ports/orders/snapshots");
        read(cases, "/api/v1/lineage", "/api/v1/lineage?product=sales-orders&depth=2");
        cases.put("POST /api/v1/access/requests", new Case(EVERYONE, false, () -> new Request("POST",
                "/api/v1/access/requests", Map.of("port", "customer-profiles/customers", "purpose", "matrix "
                        + counter.incrementAndGet(), "days", 30), Map.of())));
        read(cases, "/api/v1/access/requests", "/api/v1/access/requests");
        cases.put("GET /api/v1/access/requests/{id}", new Case(SEE_SALES_ACCESS, false,
                () -> Request.get("/api/v1/access/requests/" + consumerRequestId)));
        cases.put("POST /api/v1/access/requests/{id}/approve", new Case(DECIDERS, false, () -> new Request("POST",
                "/api/v1/access/requests/" + pendingRequest() + "/approve", Map.of(), Map.of())));
        cases.put("POST /api/v1/access/requests/{id}/reject", new Case(DECIDERS, false, () -> new Request("POST",
                "/api/v1/access/requests/" + pendingRequest() + "/reject", Map.of("reason", "matrix"), Map.of())));
        read(cases, "/api/v1/access/inbox", "/api/v1/access/inbox");
        read(cases, "/api/v1/access/grants", "/api/v1/access/grants");
        cases.put("GET /api/v1/access/grants/{id}", new Case(SEE_SALES_ACCESS, false,
                () -> Request.get("/api/v1/access/grants/" + consumerGrantId)));
        cases.put("POST /api/v1/access/grants/{id}/revoke", new Case(DECIDERS, false, () -> new Request("POST",
                "/api/v1/access/grants/" + server.registry().access().approve(Principal.platformAdmin("matrix-setup"),
                        pendingRequest(), io.polder.registry.access.Approval.asRequested()).grantId() + "/revoke",
                Map.of("reason", "matrix"), Map.of())));
        read(cases, "/api/v1/relations", "/api/v1/relations");
        // any role may query; what a query may read, the grants decide (QueryApiTest)
        cases.put("POST /api/v1/query", new Case(EVERYONE, false, () -> new Request("POST", "/api/v1/query",
                Map.of("sql", "SELECT 1 AS one"), Map.of())));
        read(cases, "/api/v1/usage", "/api/v1/usage");
        read(cases, "/api/v1/products/{id}/usage", "/api/v1/products/sales-orders/usage");
        return cases;
    }

    @Test
    void everyRouteAdmitsExactlyItsRoles() {
        Map<String, Case> cases = cases();
        Set<String> served = new TreeSet<>(server.server().routes().stream().map(Route::key).toList());
        assertThat(new TreeSet<>(cases.keySet())).as("every served route has a case").isEqualTo(served);
        List<String> outcomes = new ArrayList<>();
        cases.forEach((route, matrixCase) -> {
            Answer anonymous = send(matrixCase.request().get(), null);
            assertThat(anonymous.status()).as(route + " without a token").isEqualTo(matrixCase.isPublic() ? 200 : 401);
            for (Caller caller : EVERYONE) {
                if (!matrixCase.allowed().contains(caller)) {
                    Request request = matrixCase.request().get();
                    Snapshot before = Snapshot.of(server);
                    Answer refused = send(request, tokens.get(caller));
                    assertThat(refused.status()).as(route + " as " + caller + ": " + refused).isEqualTo(403);
                    assertThat(refused.code()).isEqualTo("FORBIDDEN");
                    assertThat(Snapshot.of(server)).as(route + " as " + caller + " changed nothing").isEqualTo(before);
                    outcomes.add(route + " " + caller + " 403");
                }
            }
            for (Caller caller : matrixCase.allowed()) {
                Answer allowed = send(matrixCase.request().get(), tokens.get(caller));
                assertThat(allowed.status()).as(route + " as " + caller + ": " + allowed).isBetween(200, 201);
                outcomes.add(route + " " + caller + " " + allowed.status());
            }
        });
        assertThat(outcomes).hasSizeGreaterThan(cases.size() * 6 - 1);
    }

    @Test
    void refusalsNameTheActionAndTheProductDomainAndTeamConcerned() {
        Answer build = api.post("/api/v1/products/sales-orders/builds", tokens.get(Caller.CONSUMER), null);
        assertThat(build.status()).isEqualTo(403);
        assertThat(build.json().path("message").asText()).isEqualTo("building 'sales-orders' needs platform-admin,"
                + " domain-owner of 'sales' or a member of the owning team 'sales-order-team'; you are consumer"
                + " (token 'matrix-consumer')");
        assertThat(build.json().path("message").asText()).doesNotContain("/api/", "<the domain concerned>");

        Answer unknown = api.post("/api/v1/products/no-such-product/tests", tokens.get(Caller.GOVERNANCE), null);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json().path("message").asText()).startsWith("testing 'no-such-product' needs platform-admin,")
                .endsWith("; you are governance (token 'matrix-governance')").doesNotContain("/api/");

        Answer audit = api.get("/api/v1/audit", tokens.get(Caller.CONSUMER));
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.json().path("message").asText())
                .isEqualTo("read-audit needs platform-admin or governance; you are consumer (token 'matrix-consumer')");
    }

    @Test
    void aDomainOwnerCannotCreateMoveOrChangeAnotherDomainsObjects() {
        String sales = tokens.get(Caller.SALES_OWNER);
        MeshBundle example = Meshes.example();
        BundleProduct profiles = example.products().stream()
                .filter(product -> product.path().equals("customer/customer-profiles")).findFirst().orElseThrow();
        MeshBundle newCustomerProduct = Meshes.with(example, new BundleProduct("customer/customer-extra",
                profiles.productYaml().replace("id: customer-profiles", "id: customer-extra")
                        .replace("contractId: customer-profiles-", "contractId: customer-extra-"),
                profiles.contracts().stream().map(file -> new MeshBundle.BundleFile(file.name(),
                        file.text().replace("id: customer-profiles-", "id: customer-extra-"))).toList()));
        MeshBundle disguisedInSalesFolder = Meshes.with(example, new BundleProduct("sales/customer-extra",
                newCustomerProduct.products().getLast().productYaml(), newCustomerProduct.products().getLast().contracts()));
        MeshBundle changedCustomerProduct = Meshes.withProduct(example, "customer/customer-profiles",
                Meshes.replaceLine("version", "2.1.0", "2.2.0"));
        MeshBundle movedToCustomer = Meshes.withProduct(example, "sales/sales-orders", text -> text
                .replace("domain: sales", "domain: customer").replace("name: sales-order-team", "name: customer-data-team")
                .replace("version: 1.2.0\nstatus", "version: 1.4.0\nstatus"));
        MeshBundle newDomain = new MeshBundle(example.meshYaml().replace("domains:\n",
                "domains:\n  - id: marketing\n    name: Marketing\n    owners: [dana@acme.example]\n"), example.products());
        Map<String, MeshBundle> attempts = Map.of("create a customer product", newCustomerProduct,
                "create a customer product in a sales folder", disguisedInSalesFolder,
                "change a customer product", changedCustomerProduct,
                "move a sales product to customer", movedToCustomer,
                "create a domain", newDomain);
        attempts.forEach((attempt, bundle) -> {
            Snapshot before = Snapshot.of(server);
            for (String route : List.of("/api/v1/plan", "/api/v1/apply")) {
                Answer answer = api.post(route, sales, bundle);
                assertThat(answer.status()).as(attempt + " via " + route + ": " + answer).isEqualTo(403);
            }
            assertThat(Snapshot.of(server)).as(attempt).isEqualTo(before);
        });
        Answer moveAsCustomerOwner = api.post("/api/v1/apply", tokens.get(Caller.CUSTOMER_OWNER), movedToCustomer);
        assertThat(moveAsCustomerOwner.status()).as("a move needs both domains").isEqualTo(403);
        String etag = api.get("/api/v1/products/customer-profiles", admin).header("ETag");
        Answer lifecycle = api.send("POST", "/api/v1/products/customer-profiles/lifecycle", sales,
                Map.of("status", "deprecated", "sunsetDate", LocalDate.now().plusYears(1).toString()), Map.of("If-Match", etag));
        assertThat(lifecycle.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/apply", sales, Meshes.salesOrders(example, "1.9.0", null)).status())
                .as("its own domain it may change").isEqualTo(200);
        assertThat(api.post("/api/v1/apply", admin, movedToCustomer).status()).as("an admin may move").isEqualTo(200);
    }

    private Case publicRoute(String path) {
        return new Case(EVERYONE, true, () -> Request.get(path));
    }

    /** A catalog read: every role may, and each answers 200 for an existing object. */
    private static void read(Map<String, Case> cases, String template, String path) {
        cases.put("GET " + template, new Case(EVERYONE, false, () -> Request.get(path)));
    }

    private MeshBundle newSalesOrdersVersion() {
        return Meshes.salesOrders(Meshes.example(), "1.3." + counter.incrementAndGet(), null);
    }

    private Request deprecateSalesDailyRevenue() {
        String etag = api.get("/api/v1/products/sales-daily-revenue", admin).header("ETag");
        String sunset = LocalDate.now().plusDays(400 + counter.incrementAndGet()).toString();
        return new Request("POST", "/api/v1/products/sales-daily-revenue/lifecycle",
                Map.of("status", "deprecated", "sunsetDate", sunset), Map.of("If-Match", etag));
    }

    /** The id of a run, made for the matrix when there is none yet. */
    private String firstRun() {
        var runs = server.registry().runs().list(io.polder.registry.runs.RunFilter.all(), PageRequest.first(1)).items();
        return runs.isEmpty() ? server.registry().runs().create(Principal.platformAdmin("matrix-setup"),
                io.polder.registry.runs.RunKind.TEST, "sales-orders", null,
                io.polder.registry.runs.RunTrigger.REQUEST).id() : runs.getFirst().id();
    }

    /** A new pending request for sales-orders/orders, by a principal of its own. */
    private String pendingRequest() {
        return server.registry().access().request(Principal.consumer("asker-" + counter.incrementAndGet()),
                io.polder.registry.access.NewAccessRequest.of("sales-orders/orders", "matrix", 30)).id();
    }

    private String createdToken(String name) {
        return server.registry().tokens().create(Principal.platformAdmin("matrix-setup"),
                new NewToken(name, Role.CONSUMER, null, null, null)).token().id();
    }

    private Answer send(Request request, String token) {
        return api.send(request.method(), request.path(), token, request.body(), request.headers());
    }

    /** What a refused request must not change. */
    private record Snapshot(List<String> products, List<String> tokens, List<String> access) {
        static Snapshot of(TestServer server) {
            List<String> products = server.registry().catalog().listProducts(ProductFilter.all(), PageRequest.first(1000))
                    .items().stream().map(p -> p.id() + "@" + p.domain() + "/" + p.currentVersion() + "#" + p.revision()
                            + ":" + p.status() + ":" + p.sunsetDate()).toList();
            List<String> tokens = server.registry().tokens().list(Principal.platformAdmin("matrix-check"),
                    PageRequest.first(1000)).items().stream().map(t -> t.id() + ":" + t.revokedAt()).toList();
            Principal reader = Principal.platformAdmin("matrix-check");
            var access = server.registry().access();
            List<String> decisions = new ArrayList<>();
            access.listRequests(reader, io.polder.registry.access.AccessFilter.all(), PageRequest.first(1000)).items()
                    .forEach(request -> decisions.add(request.id() + ":" + request.state()));
            access.listGrants(reader, io.polder.registry.access.AccessFilter.all().withLapsed(true),
                    PageRequest.first(1000)).items().forEach(grant -> decisions.add(grant.id() + ":" + grant.revokedAt()));
            return new Snapshot(products, tokens, decisions);
        }
    }
}
