package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.auth.Principal;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Access in the browser over HTTP: a consumer requests access to a port, its domain's owner approves (the row
 * filter checked first) or rejects it, the grant is what the gateway would read, and revoking it ends it; forms
 * need their token, roles are the API's, and what people typed is shown as text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPagesTest {
    private static final Pattern REQUEST_ID = Pattern.compile("request=([0-9a-z]{26})");
    private static final String PORT = "customer-profiles/customers";

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
    void aConsumerRequestsAndTheOwnerApprovesWithARowFilterThenRevokes() {
        Browser consumer = signedIn(server.consumerToken);
        HttpResponse<String> form = consumer.get("/ui/access/request?port=" + Browser.encode(PORT));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Request access to <code>customer-profiles/customers</code>",
                "value=\"email\"", "personal");

        HttpResponse<String> noPurpose = consumer.post("/ui/access/requests", Map.of("csrf", Browser.csrf(form.body()),
                "port", PORT, "days", "30", "purpose", " "));
        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(noPurpose.body()).contains("class=\"alert\"", "purpose", "id=\"request-form\"");

        HttpResponse<String> sent = consumer.post("/ui/access/requests", Map.of("csrf", Browser.csrf(form.body()),
                "port", PORT, "days", "30", "purpose", "churn model <script>alert(1)</script>", "unmask", "email"));
        assertThat(sent.statusCode()).isEqualTo(303);
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/ui/access?notice=requested");
        String requestId = requestId(location);

        HttpResponse<String> mine = consumer.get(location);
        assertThat(mine.body()).contains("Your request was sent", "row-" + requestId, "pending",
                "churn model &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(mine.body()).as("a consumer decides nothing").doesNotContain("/approve\"");

        Browser owner = signedIn(server.ownerToken);
        HttpResponse<String> inbox = owner.get("/ui/access");
        assertThat(inbox.body()).contains("id=\"request-" + requestId + "\"",
                "/ui/access/requests/" + requestId + "/approve");

        HttpResponse<String> badFilter = owner.post("/ui/access/requests/" + requestId + "/approve",
                Map.of("csrf", Browser.csrf(inbox.body()), "rowFilter", "country_code IN (SELECT 'NL')", "unmask", "email"));
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("class=\"alert\"", "row filter");
        assertThat(grantsOf("dana").active()).isEmpty();

        HttpResponse<String> approved = owner.post("/ui/access/requests/" + requestId + "/approve",
                Map.of("csrf", Browser.csrf(inbox.body()), "rowFilter", "country_code = 'NL'", "unmask", "email",
                        "reason", "ok for the churn model"));
        assertThat(approved.statusCode()).isEqualTo(303);
        Grant grant = grantsOf("dana").active().stream().filter(g -> g.product().equals("customer-profiles"))
                .findFirst().orElseThrow();
        assertThat(grant.port()).isEqualTo("customers");
        assertThat(grant.rowFilter()).isEqualTo("country_code = 'NL'");
        assertThat(grant.unmaskedColumns()).containsExactly("email");
        assertThat(grant.requestId()).isEqualTo(requestId);

        HttpResponse<String> consumerView = consumer.get("/ui/access");
        assertThat(consumerView.body()).contains("grant-" + grant.id(), "<code>country_code = 'NL'</code>", "approved", "<td>active</td>")
                .doesNotContain("/ui/access/grants/" + grant.id() + "/revoke");
        HttpResponse<String> consumerRevokes = consumer.post("/ui/access/grants/" + grant.id() + "/revoke",
                Map.of("csrf", Browser.csrf(consumerView.body()), "reason", "mine now"));
        assertThat(consumerRevokes.statusCode()).isEqualTo(403);

        HttpResponse<String> ownerView = owner.get("/ui/access");
        assertThat(ownerView.body()).contains("/ui/access/grants/" + grant.id() + "/revoke");
        HttpResponse<String> revoked = owner.post("/ui/access/grants/" + grant.id() + "/revoke",
                Map.of("csrf", Browser.csrf(ownerView.body()), "reason", "the model is done"));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(grantsOf("dana").active()).noneMatch(g -> g.id().equals(grant.id()));
        assertThat(grantsOf("dana").lapsed()).anyMatch(g -> g.id().equals(grant.id()) && g.revokedAt() != null);
    }

    @Test
    void theOwnerRejectsWithAReasonTheRequesterSees() {
        Principal governance = server.registry.tokens().authenticate(server.governanceToken).orElseThrow();
        Browser requester = signedIn(server.governanceToken);
        HttpResponse<String> form = requester.get("/ui/access/request?port=" + Browser.encode(PORT));
        HttpResponse<String> sent = requester.post("/ui/access/requests", Map.of("csrf", Browser.csrf(form.body()),
                "port", PORT, "days", "7", "purpose", "audit sample"));
        String requestId = requestId(sent.headers().firstValue("Location").orElseThrow());

        Browser owner = signedIn(server.ownerToken);
        HttpResponse<String> inbox = owner.get("/ui/access");
        HttpResponse<String> noReason = owner.post("/ui/access/requests/" + requestId + "/reject",
                Map.of("csrf", Browser.csrf(inbox.body()), "reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("class=\"alert\"", "reason");
        HttpResponse<String> rejected = owner.post("/ui/access/requests/" + requestId + "/reject",
                Map.of("csrf", Browser.csrf(inbox.body()), "reason", "use the aggregated report <b>instead</b>"));
        assertThat(rejected.statusCode()).isEqualTo(303);

        HttpResponse<String> seen = requester.get("/ui/access");
        assertThat(seen.body()).contains("rejected", "use the aggregated report &lt;b&gt;instead&lt;/b&gt;");
        assertThat(grantsOf(governance.name()).active()).isEmpty();
    }

    @Test
    void refusesForgedFormsUnknownPortsAndDecisionsByOthers() {
        Browser consumer = signedIn(server.consumerToken);
        HttpResponse<String> forged = consumer.post("/ui/access/requests", Map.of("csrf", "forged", "port", PORT,
                "days", "30", "purpose", "x"));
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> unknown = consumer.get("/ui/access/request?port=" + Browser.encode("nope/<script>"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("<script>").doesNotContain("Exception");
        assertThat(consumer.get("/ui/access/request?port=no-slash").statusCode()).isEqualTo(400);

        HttpResponse<String> page = consumer.get("/ui/access");
        HttpResponse<String> decide = consumer.post("/ui/access/requests/01m8e8p9f78xd22acaqyr7grt9/approve",
                Map.of("csrf", Browser.csrf(page.body())));
        assertThat(decide.statusCode()).isIn(403, 404);
        assertThat(decide.body()).doesNotContain("Exception");
    }

    @Test
    void revokeIsOfferedOnTheListedGrantsOfTheViewersOwnProductsOnly() {
        Principal olga = server.registry.tokens().authenticate(server.ownerToken).orElseThrow();
        Principal ivan = Principal.consumer("ivan");
        Grant olgasOwn = approved(olga, "sales-orders/orders");
        Grant onHerProduct = approved(ivan, "customer-360/profiles");
        Grant revoked = approved(ivan, PORT);
        server.registry.access().revoke(server.admin, revoked.id(), "no longer needed");

        Browser owner = signedIn(server.ownerToken);
        String page = owner.get("/ui/access").body();
        assertThat(revokeForms(page)).contains(onHerProduct.id())
                .doesNotContain(olgasOwn.id(), revoked.id());
        assertThat(page).contains("grant-" + olgasOwn.id(), "grant-" + revoked.id());
        assertThat(owner.post("/ui/access/grants/" + olgasOwn.id() + "/revoke",
                Map.of("csrf", Browser.csrf(page), "reason", "mine")).statusCode()).isEqualTo(403);

        String governance = signedIn(server.governanceToken).get("/ui/access").body();
        assertThat(governance).contains("grant-" + onHerProduct.id(), "grant-" + olgasOwn.id());
        assertThat(revokeForms(governance)).as("governance reads all and decides nothing").isEmpty();
        assertThat(revokeForms(signedIn(server.consumerToken).get("/ui/access").body())).isEmpty();
    }

    /** A request by {@code principal} for {@code port}, approved by the platform-admin: its grant. */
    private Grant approved(Principal principal, String port) {
        var request = server.registry.access().request(principal,
                io.polder.registry.access.NewAccessRequest.of(port, "revoke forms", 30));
        String grantId = server.registry.access().approve(server.admin, request.id(),
                io.polder.registry.access.Approval.asRequested()).grantId();
        return server.registry.access().getGrant(server.admin, grantId);
    }

    /** The ids of the grants a page offers a revoke form for. */
    private static java.util.List<String> revokeForms(String page) {
        Matcher forms = Pattern.compile("/ui/access/grants/([0-9a-z]{26})/revoke").matcher(page);
        java.util.List<String> ids = new java.util.ArrayList<>();
        while (forms.find()) {
            ids.add(forms.group(1));
        }
        return ids;
    }

    private GrantSet grantsOf(String principal) {
        return server.registry.access().grantsFor(Principal.consumer(principal), server.clock.instant());
    }

    private Browser signedIn(String token) {
        Browser browser = new Browser(server.baseUrl());
        assertThat(browser.signIn(token).statusCode()).isEqualTo(303);
        return browser;
    }

    private static String requestId(String location) {
        Matcher matcher = REQUEST_ID.matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return matcher.group(1);
    }
}
