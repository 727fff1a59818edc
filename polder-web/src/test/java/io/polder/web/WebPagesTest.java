package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.PageRequest;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Role;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.usage.QueryUsage;
import io.polder.registry.usage.UsageOutcome;
import io.polder.web.pages.Pages;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pages over HTTP: sessions, form tokens, roles, headers, escaping, and errors without stack traces. */
class WebPagesTest extends WebServerTest {
    @Test
    void pagesNeedASessionAndTheRootLeadsToThem() {
        Browser browser = new Browser(server.baseUrl());
        assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/ui");
        for (String page : List.of("/ui", "/ui/domains", "/ui/domains/sales", "/ui/products/sales-orders", "/ui/audit")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue("/ui/sign-in");
        }
        assertThat(browser.post("/ui/sign-out", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void signsInWithATokenIntoAnOpaqueStrictHttpOnlySession() {
        Browser browser = new Browser(server.baseUrl());
        HttpResponse<String> signedIn = browser.signIn(server.adminToken);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui");
        String sessionCookie = Browser.setCookies(signedIn).stream()
                .filter(cookie -> cookie.startsWith(Pages.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=");
        String sessionId = browser.cookies.get(Pages.SESSION_COOKIE);
        assertThat(sessionId).hasSizeGreaterThanOrEqualTo(43).doesNotContain(server.adminToken);

        HttpResponse<String> home = browser.get("/ui");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Sign out").doesNotContain(server.adminToken).doesNotContain(sessionId);
        assertThat(home.headers().map().toString()).doesNotContain(server.adminToken);
        assertSecurityHeaders(home);

        HttpResponse<String> out = browser.post("/ui/sign-out", Map.of("csrf", Browser.csrf(home.body())));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(browser.get("/ui").statusCode()).isEqualTo(303);
    }

    @Test
    void refusesFormsWithoutTheirTokenAndBadTokens() {
        Browser browser = new Browser(server.baseUrl());
        browser.get("/ui/sign-in");
        HttpResponse<String> forged = browser.post("/ui/sign-in", Map.of("csrf", "forged", "token", server.adminToken));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey(Pages.SESSION_COOKIE);

        HttpResponse<String> wrong = browser.signIn("pld_not_a_token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not valid").doesNotContain("pld_not_a_token");
        List<AuditEvent> denied = server.registry.audit().list(server.admin,
                AuditFilter.all().withTarget("web:sign-in"), PageRequest.first()).items();
        assertThat(denied).isNotEmpty();

        browser.signIn(server.adminToken);
        assertThat(browser.post("/ui/sign-out", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(browser.post("/ui/sign-out", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.get("/ui").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void sessionsEndWhenIdleAndWhenTheirTokenIsRevoked() {
        Browser idle = new Browser(server.baseUrl());
        idle.signIn(server.consumerToken);
        assertThat(idle.get("/ui").statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(31));
        assertThat(idle.get("/ui").statusCode()).isEqualTo(303);

        var created = server.registry.tokens().create(server.admin,
                new NewToken("short-lived", Role.CONSUMER, null, null, null));
        Browser revoked = new Browser(server.baseUrl());
        revoked.signIn(created.secret());
        assertThat(revoked.get("/ui").statusCode()).isEqualTo(200);
        server.registry.tokens().revoke(server.admin, created.token().id());
        assertThat(revoked.get("/ui").statusCode()).isEqualTo(303);
    }

    @Test
    void theAuditPageFollowsTheApisRoles() {
        Browser consumer = new Browser(server.baseUrl());
        consumer.signIn(server.consumerToken);
        assertThat(consumer.get("/ui").body()).doesNotContain("href=\"/ui/audit\"");
        HttpResponse<String> refused = consumer.get("/ui/audit");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("read-audit needs platform-admin or governance");
        assertNoStackTrace(refused);

        Browser governance = new Browser(server.baseUrl());
        governance.signIn(server.governanceToken);
        assertThat(governance.get("/ui").body()).contains("href=\"/ui/audit\"");
        HttpResponse<String> log = governance.get("/ui/audit?outcome=denied&action=read-audit");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("dana").contains("read-audit");
        assertThat(governance.get("/ui/audit?outcome=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void productDescriptionsAreShownAsTextNeverRun() {
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        HttpResponse<String> page = browser.get("/ui/products/customer-profiles");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(TestMesh.HOSTILE).doesNotContain("<script>document")
                .doesNotContain("<img src=x").contains("&lt;script&gt;");
        assertThat(page.body()).doesNotContain("href=\"javascript:").contains("javascript:alert(document.cookie)");
        assertThat(page.body()).contains("email", "personal", "Chen Wei", "#customer-data");
        assertThat(page.body()).doesNotContain("<script>").contains("<script src=\"/ui/assets/polder.js\" defer>");
    }

    @Test
    void searchTextIsEscapedAndOddInputIsAnsweredWithPages() {
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        HttpResponse<String> script = browser.get("/ui?q=" + Browser.encode("<script>alert(1)</script> \"customer"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(browser.get("/ui?q=" + "x".repeat(10_000)).statusCode()).isEqualTo(200);
        assertThat(browser.get("/ui?q=" + Browser.encode("customer AND (email OR \"name")) .statusCode()).isEqualTo(200);

        assertThat(browser.get("/ui?page=2").statusCode()).isEqualTo(200);
        HttpResponse<String> tooDeep = browser.get("/ui?page=51");
        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(tooDeep.body()).contains("page must be between 1 and 50");
        HttpResponse<String> page = browser.get("/ui?page=abc");
        assertThat(page.statusCode()).isEqualTo(400);
        assertNoStackTrace(page);
        HttpResponse<String> signIn = new Browser(server.baseUrl()).get("/ui/sign-in");
        assertThat(signIn.body()).contains("polder-data/admin.token").doesNotContain("printed in the terminal");
        HttpResponse<String> missing = browser.get("/ui/products/no-such-product");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no product 'no-such-product'");
        assertNoStackTrace(missing);
        HttpResponse<String> malformed = browser.get("/ui/products/" + Browser.encode("<b>Bad'Id</b>"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("<b>Bad");
        assertNoStackTrace(malformed);
        assertThat(browser.get("/ui/assets/..%2fWebUi.class").statusCode()).isEqualTo(404);
        assertThat(browser.get("/ui/assets/polder.css").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void searchesWithFacetsAndShowsDomains() {
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        HttpResponse<String> results = browser.get("/ui?q=customer+email");
        assertThat(results.body()).contains("/ui/products/customer-profiles").contains("data-facet=\"domain\"");
        HttpResponse<String> filtered = browser.get("/ui?domain=sales");
        assertThat(filtered.body()).contains("/ui/products/sales-orders").doesNotContain("/ui/products/customer-profiles");
        assertThat(browser.get("/ui/domains").body()).contains("/ui/domains/customer", "/ui/domains/sales");
        HttpResponse<String> domain = browser.get("/ui/domains/customer");
        assertThat(domain.statusCode()).isEqualTo(200);
        assertThat(domain.body()).contains("customer-data-team", "/ui/products/customer-profiles");
    }

    @Test
    void inputPortsLinkToTheProductsTheyRead() {
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        HttpResponse<String> page = browser.get("/ui/products/customer-360");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"inputs\"", "href=\"/ui/products/customer-profiles\"",
                "href=\"/ui/products/sales-orders\"");
    }

    @Test
    void productPagesShowQualityAndFreshnessHistoryLineageAndChanges() {
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        String page = browser.get("/ui/products/customer-profiles").body();
        // four builds: three published, one quarantined by a failed error-level check
        String history = section(page, "id=\"history\"");
        assertThat(history).contains("customer-profiles/customers/v2", "SLA: at most 24 h (frequency)", "past SLA");
        assertThat(count(history, "<tr class=\"met\">")).isEqualTo(3);
        assertThat(count(history, "<tr class=\"missed\">")).isEqualTo(1);
        assertThat(history).contains("66.7 %", "33.3 %", "<td>36 h</td><td>no</td>", "<td>24 h</td><td>yes</td>");
        assertThat(history).contains("The latest 4 runs as a table", "The latest 3 published snapshots as a table");
        // the charts' data travels as JSON in an attribute, escaped; no inline script
        assertThat(history).contains("data-chart=\"{&#34;label&#34;:&#34;checks passed&#34;")
                .contains("&#34;target&#34;:24.0");
        assertThat(page).doesNotContain("<script>");
        // lineage: drawn on the server as SVG, and listed as a table
        String lineage = section(page, "id=\"lineage\"");
        assertThat(lineage).contains("<svg id=\"lineage-graph\"", "class=\"node focus build-succeeded\"",
                "class=\"node downstream build-never-built\"",
                "href=\"/ui/products/customer-360\"", "customer-profiles-customers");
        assertThat(section(page, "id=\"versions\"")).contains("first version");

        String downstream = browser.get("/ui/products/customer-360").body();
        assertThat(section(downstream, "id=\"lineage\"")).contains("class=\"node upstream build-succeeded\"",
                "data-product=\"customer-profiles\"", "data-product=\"sales-orders\"");
        assertThat(section(downstream, "id=\"history\"")).contains("No build or contract run");
    }

    @Test
    void productPagesShowUsagePerConsumerToOwnersAndOnlyTheirOwnToOthers() {
        java.time.Instant at = java.time.Instant.parse("2026-11-20T10:15:00Z");
        record("dana", UsageOutcome.SUCCEEDED, 1200, at);
        record("dana", UsageOutcome.DENIED, 0, at.plusSeconds(60));
        record("erin", UsageOutcome.SUCCEEDED, 5, at.minusSeconds(3600));

        Browser owner = new Browser(server.baseUrl());
        owner.signIn(server.ownerToken);
        String everyone = section(owner.get("/ui/products/customer-profiles").body(), "id=\"usage\"");
        assertThat(everyone).contains("per consumer", "data-consumer=\"dana\"", "data-consumer=\"erin\"",
                "<td class=\"number\">1,200</td>", "2026-11-20 10:16 UTC");
        assertThat(everyone.indexOf("data-consumer=\"dana\"")).as("most queries first")
                .isLessThan(everyone.indexOf("data-consumer=\"erin\""));
        assertThat(section(owner.get("/ui/products/sales-orders").body(), "id=\"usage\"")).contains("No queries yet.");

        Browser consumer = new Browser(server.baseUrl());
        consumer.signIn(server.consumerToken);
        String own = section(consumer.get("/ui/products/customer-profiles").body(), "id=\"usage\"");
        assertThat(own).contains("Your own queries", "data-consumer=\"dana\"").doesNotContain("erin");
        assertThat(own.replaceAll("\\s+", " ")).contains("<td class=\"number\">2</td><td class=\"number\">1</td>"
                + " <td class=\"number\">1</td><td class=\"number\">0</td>");
    }

    private void record(String consumer, UsageOutcome outcome, long rows, java.time.Instant at) {
        server.registry.usage().record(new QueryUsage(null, at, consumer, "consumer", outcome,
                outcome == UsageOutcome.DENIED ? "FORBIDDEN" : null, null, "0".repeat(64), rows, false, 12,
                List.of(new QueryUsage.PortRead("customer-profiles", "customers", 2,
                        "\"customer-profiles/customers\".customers", null, null, List.of("customer_id")))));
    }

    @Test
    void complianceIsShownPerDomainAndPerPolicyToEveryRoleAsInTheApi() {
        Browser consumer = new Browser(server.baseUrl());
        consumer.signIn(server.consumerToken);
        HttpResponse<String> page = consumer.get("/ui/governance");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"compliance-domains\"", "id=\"compliance-policies\"",
                "href=\"/ui/governance?domain=customer\"", "product-has-description")
                .doesNotContain("id=\"preview-link\"");
        HttpResponse<String> domain = consumer.get("/ui/governance?domain=customer");
        assertThat(domain.statusCode()).isEqualTo(200);
        assertThat(section(domain.body(), "id=\"compliance-domains\"")).contains(">customer<").doesNotContain(">sales<");
        HttpResponse<String> unknown = consumer.get("/ui/governance?domain=" + Browser.encode("<b>nope</b>"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).doesNotContain("<b>nope");
        assertNoStackTrace(unknown);
        assertThat(consumer.get("/ui/governance?domain=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void policyPreviewsFollowTheApisRolesAndNeedTheFormToken() {
        Browser consumer = new Browser(server.baseUrl());
        consumer.signIn(server.consumerToken);
        String consumerPage = consumer.get("/ui/governance").body();
        HttpResponse<String> form = consumer.get("/ui/governance/preview");
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.body()).contains("preview-policies needs platform-admin, governance or domain-owner");
        assertThat(consumer.post("/ui/governance/preview", Map.of("csrf", Browser.csrf(consumerPage),
                "text", "true", "target", "product")).statusCode()).isEqualTo(403);

        Browser governance = new Browser(server.baseUrl());
        governance.signIn(server.governanceToken);
        HttpResponse<String> empty = governance.get("/ui/governance/preview");
        assertThat(empty.statusCode()).isEqualTo(200);
        String csrf = Browser.csrf(empty.body());
        assertThat(governance.post("/ui/governance/preview", Map.of("text", "true")).statusCode()).isEqualTo(403);

        HttpResponse<String> rule = governance.post("/ui/governance/preview", Map.of("csrf", csrf,
                "text", "product.id != 'customer-profiles'", "target", "product"));
        assertThat(rule.statusCode()).isEqualTo(200);
        assertThat(section(rule.body(), "id=\"preview-affected\"")).contains("/ui/products/customer-profiles")
                .doesNotContain("/ui/products/sales-orders");
        assertThat(rule.body()).contains("previewed-rule");

        HttpResponse<String> broken = governance.post("/ui/governance/preview", Map.of("csrf", csrf,
                "text", "product.nosuchfield <script>alert(1)</script>", "target", "product"));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("id=\"preview-problems\"", "policies/previewed-rule.yaml:9:")
                .doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertNoStackTrace(broken);

        String file = """
                apiVersion: polder/v1
                kind: Policy
                id: tagged-products
                version: 1.0.0
                target: product
                severity: warning
                rule: product.id == 'sales-orders'
                message: product {{ product.id }} is not <img src=x onerror=alert(1)> sales-orders
                """;
        HttpResponse<String> policy = governance.post("/ui/governance/preview", Map.of("csrf", csrf, "text", file,
                "path", "policies/tagged.yaml"));
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(section(policy.body(), "id=\"preview-policies\"")).contains("tagged-products", "policies/tagged.yaml");
        assertThat(policy.body()).contains("/ui/products/customer-profiles", "is not &lt;img src=x")
                .doesNotContain("<img src=x");
        assertThat(governance.post("/ui/governance/preview", Map.of("csrf", csrf, "text", " ")).statusCode())
                .isEqualTo(400);

        String narrow = file.replace("id: tagged-products", "id: sales-only")
                .replace("rule: product.id == 'sales-orders'", "when: product.id == 'sales-orders'\nrule: true");
        HttpResponse<String> scoped = governance.post("/ui/governance/preview", Map.of("csrf", csrf, "text", narrow,
                "path", "policies/sales-only.yaml"));
        assertThat(scoped.statusCode()).isEqualTo(200);
        String row = section(scoped.body(), "id=\"preview-policies\"");
        assertThat(row).contains("<th>Not applicable</th>");
        int products = server.registry.catalog().listProducts(io.polder.registry.catalog.ProductFilter.all(),
                io.polder.registry.PageRequest.first(1000)).items().size();
        assertThat(row).containsPattern("<td>1</td><td>0</td><td>0</td>\\s*<td>0</td><td>0</td><td>"
                + (products - 1) + "</td>");
    }

    @Test
    void aRetiredProductsPageStillShows() {
        server.registry.lifecycle().changeLifecycle(server.admin, "finance-revenue-report", LifecycleStatus.DEPRECATED,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1), null);
        server.registry.lifecycle().changeLifecycle(server.admin, "finance-revenue-report", LifecycleStatus.RETIRED,
                null, null);
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        HttpResponse<String> page = browser.get("/ui/products/finance-revenue-report");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(section(page.body(), "id=\"lineage\"")).contains("No registered product feeds this one");
        assertThat(page.body()).contains("status-retired");
    }

    @Test
    void aNewVersionsChangesAreListed() {
        var bundle = TestMesh.bundle();
        // only sales-orders, at a new version: the other products stay as they are (some tests retire one)
        List<BundleProduct> products = bundle.products().stream()
                .filter(product -> product.path().equals("sales/sales-orders"))
                .map(product -> new BundleProduct(product.path(), product.productYaml().replaceFirst("(?m)^version: .*$",
                        "version: 9.0.0"), product.contracts(), product.settingsYaml(), product.buildFiles()))
                .toList();
        server.registry.apply().apply(server.admin, new MeshBundle(bundle.meshYaml(), products, bundle.policies()),
                ApplyOptions.defaults());
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        String versions = section(browser.get("/ui/products/sales-orders").body(), "id=\"versions\"");
        assertThat(versions).contains("9.0.0", "no port changes", "first version", server.admin.name());
    }

    @Test
    void aContractsSchemaChangesAreListedWithItsNewVersion() {
        var bundle = TestMesh.bundle();
        List<BundleProduct> products = bundle.products().stream()
                .filter(product -> product.path().equals("logistics/logistics-shipments"))
                .map(product -> new BundleProduct(product.path(), product.productYaml().replace("version: 1.3.0", "version: 1.4.0"),
                        product.contracts().stream().map(file -> !file.name().equals("shipments.odcs.yaml") ? file
                                : new MeshBundle.BundleFile(file.name(), file.text()
                                .replace("version: 1.3.0\nstatus", "version: 1.4.0\nstatus")
                                .replace("timezone: true\n        required: false", "timezone: true\n        required: true")
                                .replace("classification: internal\n        examples: [3SACM0012345678]",
                                        "classification: restricted\n        examples: [3SACM0012345678]")
                                .replace("      - id: recipient_name\n", "      - id: parcel_weight_kg\n        name: parcel_weight_kg\n"
                                        + "        logicalType: number\n        physicalType: decimal(6,2)\n"
                                        + "      - id: recipient_name\n"))).toList(),
                        product.settingsYaml(), product.buildFiles()))
                .toList();
        var plan = server.registry.apply().apply(server.admin, new MeshBundle(bundle.meshYaml(), products, bundle.policies()),
                ApplyOptions.defaults());
        assertThat(plan.governance().refused()).as("nothing breaks its consumers: a minor version").isEmpty();
        Browser browser = new Browser(server.baseUrl());
        browser.signIn(server.consumerToken);
        String versions = section(browser.get("/ui/products/logistics-shipments").body(), "id=\"versions\"");
        assertThat(versions).contains("output port shipments v1.3.0 → v1.4.0",
                "output port shipments: shipments.parcel_weight_kg added (number decimal(6,2))",
                "output port shipments: shipments.delivered_at now required",
                "output port shipments: shipments.tracking_number classification internal → restricted");
        assertThat(versions).as("the unchanged contract says nothing").doesNotContain("tracking_events.");
    }

    @Test
    void sessionsEndEightHoursAfterSignInHoweverBusy() {
        Browser busy = new Browser(server.baseUrl());
        busy.signIn(server.consumerToken);
        for (int minutes = 0; minutes < 8 * 60 - 20; minutes += 20) {
            server.clock.advance(Duration.ofMinutes(20));
            assertThat(busy.get("/ui").statusCode()).as("after %d minutes", minutes + 20).isEqualTo(200);
        }
        server.clock.advance(Duration.ofMinutes(20));
        assertThat(busy.get("/ui").statusCode()).isEqualTo(303);
    }

    /** The product page's part from {@code marker} to the start of the next part. */
    static String section(String page, String marker) {
        int start = page.indexOf(marker);
        assertThat(start).as(marker).isNotNegative();
        int end = page.length();
        for (String next : List.of("<section class=\"history\"", "<section class=\"lineage\"", "<section class=\"usage\"",
                "<section class=\"versions\"", "</article>")) {
            int at = page.indexOf(next, start + marker.length());
            end = at < 0 ? end : Math.min(end, at);
        }
        return page.substring(start, end);
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private static void assertNoStackTrace(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.polder.");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }
}
