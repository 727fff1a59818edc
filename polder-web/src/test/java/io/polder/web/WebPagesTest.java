package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.PageRequest;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Role;
import io.polder.web.pages.Pages;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The pages over HTTP: sessions, form tokens, roles, headers, escaping, and errors without stack traces. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesTest {
    private WebTestServer server;

    @BeforeAll
    void start() {
        server = WebTestServer.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

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
