package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.access.Approval;
import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.access.NewAccessRequest;
import io.polder.registry.access.OutputPort;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.registry.catalog.LifecycleStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Access in the browser over HTTP: a consumer requests access to a port, its domain's owner approves (the row
 * filter checked first) or rejects it, the grant is what the gateway would read, and revoking it ends it; forms
 * need their token, roles are the API's, and what people typed is shown as text.
 */
class AccessPagesTest extends WebServerTest {
    private static final Pattern REQUEST_ID = Pattern.compile("request=([0-9a-z]{26})");
    private static final String PORT = "customer-profiles/customers";

    @Test
    void theRequestFormOffersOnlyTheColumnsTheGatewayMasks() {
        Browser consumer = signedIn(server.consumerToken);
        String shipments = consumer.get("/ui/access/request?port=" + Browser.encode("logistics-shipments/shipments"))
                .body();
        assertThat(shipments).contains("id=\"masked-columns\"", "value=\"recipient_name\"",
                        "value=\"delivery_street_address\"", "value=\"delivery_postal_code\"")
                .doesNotContain("value=\"tracking_number\"", "value=\"carrier_code\"", "value=\"shipment_id\"",
                        "no-masked-columns");

        String orders = consumer.get("/ui/access/request?port=" + Browser.encode("sales-orders/orders")).body();
        assertThat(orders).contains("id=\"no-masked-columns\"", "No column of this port is masked")
                .doesNotContain("name=\"unmask\"", "id=\"masked-columns\"");
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

    @Test
    void aPlatformAdminRevokesThroughThePageAGrantOnAProductItDoesNotOwn() {
        Principal olga = server.registry.tokens().authenticate(server.ownerToken).orElseThrow();
        Principal kim = Principal.consumer("kim");
        var request = server.registry.access().request(kim, NewAccessRequest.of(PORT,
                "fraud review", 30));
        String grantId = server.registry.access().approve(olga, request.id(),
                Approval.asRequested()).grantId();
        assertThat(grantsOf("kim").active()).extracting(Grant::id).contains(grantId);

        Browser admin = signedIn(server.adminToken);
        String page = admin.get("/ui/access").body();
        assertThat(revokeForms(page)).as("a platform-admin revokes any grant, owning no product").contains(grantId);
        HttpResponse<String> revoked = admin.post("/ui/access/grants/" + grantId + "/revoke",
                Map.of("csrf", Browser.csrf(page), "reason", "the review is over"));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location").orElseThrow()).isEqualTo("/ui/access?notice=revoked");
        assertThat(grantsOf("kim").active()).as("the gateway's next read for kim").extracting(Grant::id)
                .doesNotContain(grantId);
        assertThat(grantsOf("kim").lapsed()).anyMatch(grant -> grant.id().equals(grantId) && grant.revokedAt() != null);
        String after = admin.get("/ui/access?notice=revoked").body();
        assertThat(after).contains("The grant was revoked", "grant-" + grantId);
        assertThat(revokeForms(after)).doesNotContain(grantId);
        HttpResponse<String> again = admin.post("/ui/access/grants/" + grantId + "/revoke", Map.of("csrf",
                Browser.csrf(after), "reason", "again"));
        assertThat(again.statusCode()).as("revoked already").isEqualTo(409);
        assertThat(again.body()).as("said on the access page").contains("<h1>Access</h1>", "id=\"refusal\"",
                "was revoked already");
    }

    @Test
    void aRequestDecidedMeanwhileIsSaidOnTheAccessPage() {
        String id = server.registry.access().request(Principal.consumer("ravi"),
                NewAccessRequest.of(PORT, "campaign study", 30)).id();
        Browser owner = signedIn(server.ownerToken);
        String page = owner.get("/ui/access").body();
        assertThat(decisionForms(page, "approve")).contains(id);
        Principal admin = server.registry.tokens().authenticate(server.adminToken).orElseThrow();
        server.registry.access().reject(admin, id, "decided in the meeting"); // in another tab, by someone else

        for (String decision : List.of("approve", "reject")) {
            HttpResponse<String> late = owner.post("/ui/access/requests/" + id + "/" + decision,
                    Map.of("csrf", Browser.csrf(page), "reason", "too late"));
            assertThat(late.statusCode()).as(decision).isEqualTo(409);
            assertThat(late.body()).as(decision).contains("<h1>Access</h1>", "id=\"refusal\"", "was decided already");
            assertThat(decisionForms(late.body(), decision)).doesNotContain(id);
        }
    }

    @Test
    void anExpiredGrantIsOfferedForRevocationAsTheApiTakesIt() {
        Grant expiring = approved(Principal.consumer("lou"), PORT, 1);
        server.clock.advance(Duration.ofDays(2));
        Browser owner = signedIn(server.ownerToken);
        String page = owner.get("/ui/access").body();
        assertThat(rowOf(page, expiring.id())).contains("<td>expired</td>");
        assertThat(revokeForms(page)).contains(expiring.id());
        HttpResponse<String> revoked = owner.post("/ui/access/grants/" + expiring.id() + "/revoke",
                Map.of("csrf", Browser.csrf(page), "reason", "do not ask again"));
        assertThat(revoked.statusCode()).isEqualTo(303);
        String after = owner.get(revoked.headers().firstValue("Location").orElseThrow()).body();
        assertThat(after).contains("expired already, is now revoked");
        assertThat(rowOf(after, expiring.id())).contains("<td>revoked</td>");
        assertThat(revokeForms(after)).doesNotContain(expiring.id());
    }

    @Test
    void grantsAndRequestsPastTheFirstFiftyAreOnOlderPagesWithTheirForms() {
        Grant oldest = approved(Principal.consumer("p0"), "customer-360/profiles");
        String oldestRequest = server.registry.access().request(Principal.consumer("q0"),
                NewAccessRequest.of(PORT, "paged", 30)).id();
        for (int i = 1; i <= 50; i++) {
            approved(Principal.consumer("p" + i), "customer-360/profiles");
        }
        Browser admin = signedIn(server.adminToken);
        String first = admin.get("/ui/access").body();
        assertThat(first).doesNotContain("grant-" + oldest.id()).doesNotContain("row-" + oldestRequest);
        String olderGrants = link(first, "older-grants");
        assertThat(olderGrants).startsWith("/ui/access?grants=");
        String older = admin.get(olderGrants).body();
        assertThat(older).contains("grant-" + oldest.id());
        assertThat(revokeForms(older)).contains(oldest.id());
        String olderRequests = admin.get(link(first, "older-requests")).body();
        assertThat(olderRequests).contains("row-" + oldestRequest);
        assertThat(admin.post("/ui/access/grants/" + oldest.id() + "/revoke", Map.of("csrf", Browser.csrf(older),
                "reason", "paged")).statusCode()).isEqualTo(303);
        assertThat(admin.get("/ui/access?grants=not-a-cursor").statusCode()).isEqualTo(400);
    }

    /** The target of the link with {@code id}, as the browser would follow it. */
    private static String link(String page, String id) {
        Matcher link = Pattern.compile("href=\"([^\"]+)\" rel=\"next\" id=\"" + id + "\"").matcher(page);
        assertThat(link.find()).as("a link " + id).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void theRequestFormOffersTheTeamsTheRegistryLetsOneRequestFor() {
        String form = "/ui/access/request?port=" + Browser.encode("customer-360/profiles");
        assertThat(teamChoices(signedIn(server.consumerToken).get(form).body())).isEmpty();
        assertThat(teamChoices(signedIn(token("mia", Role.MEMBER, null, "sales-analytics-team")).get(form).body()))
                .containsExactly("sales-analytics-team");
        Browser admin = signedIn(server.adminToken);
        String adminForm = admin.get(form).body();
        assertThat(teamChoices(adminForm)).as("a platform-admin requests for any team")
                .containsExactlyElementsOf(server.registry.access().teamsToRequestFor(server.admin))
                .contains("sales-order-team", "finance-controlling-team");
        HttpResponse<String> sent = admin.post("/ui/access/requests", Map.of("csrf", Browser.csrf(adminForm), "port",
                "customer-360/profiles", "days", "30", "purpose", "for the order team", "team", "sales-order-team"));
        assertThat(sent.statusCode()).isEqualTo(303);
        var request = server.registry.access().getRequest(server.admin, requestId(sent.headers().firstValue("Location")
                .orElseThrow()));
        assertThat(request.grantee()).isEqualTo("sales-order-team");
        assertThat(request.granteeKind().value()).isEqualTo("team");
    }

    /** The teams a request form offers to request for. */
    private static List<String> teamChoices(String page) {
        return ids(page, "<option value=\"([a-z0-9-]+)\"");
    }

    @Test
    void aRequestForAPortNoLongerOfferedCanOnlyBeRejected() {
        String id = server.registry.access().request(Principal.consumer("wim"),
                NewAccessRequest.of(portOf("logistics-delivery-performance"), "delivery study", 30)).id();
        retire("logistics-delivery-performance");
        Browser admin = signedIn(server.adminToken);
        String page = admin.get("/ui/access").body();
        assertThat(decisionForms(page, "reject")).contains(id);
        assertThat(decisionForms(page, "approve")).doesNotContain(id);
        assertThat(page.substring(page.indexOf("id=\"request-" + id + "\""))).contains("no longer offered");
        HttpResponse<String> approve = admin.post("/ui/access/requests/" + id + "/approve", Map.of("csrf",
                Browser.csrf(page)));
        assertThat(approve.statusCode()).as("the registry refuses it too").isEqualTo(404);
        String atTheRequest = approve.body().substring(approve.body().indexOf("id=\"request-" + id + "\""));
        assertThat(atTheRequest.substring(0, atTheRequest.indexOf("</article>"))).as("said at the request")
                .contains("role=\"alert\"");
        assertThat(admin.post("/ui/access/requests/" + id + "/reject", Map.of("csrf", Browser.csrf(page), "reason",
                "the product is retired")).statusCode()).isEqualTo(303);
    }

    /**
     * For each kind of principal, on fresh grants (one on every product, one expired, one revoked) and pending
     * requests (one on every product, one on a product retired since): the page offers a revoke, approve or reject
     * form exactly where the registry accepts the decision. Each is then tried through the page, offered or not
     * (also on grants and requests the page does not list): a revocation, an approval, and where that was refused
     * a rejection.
     */
    @Test
    void everyPrincipalIsOfferedExactlyTheDecisionsTheRegistryAccepts() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("platform-admin", server.adminToken);
        tokens.put("governance", server.governanceToken);
        tokens.put("domain-owner of customer", server.ownerToken);
        tokens.put("consumer", server.consumerToken);
        tokens.put("member of customer-insights-team", token("jonas", Role.MEMBER, null,
                "customer-insights-team"));
        tokens.put("domain-owner of sales", token("sam", Role.DOMAIN_OWNER, "sales", null));
        String onRetired = server.registry.access().request(Principal.consumer("w0"),
                NewAccessRequest.of(portOf("finance-revenue-report"), "before the retirement", 30)).id();
        retire("finance-revenue-report");
        int round = 0;
        for (Map.Entry<String, String> principal : tokens.entrySet()) {
            round++;
            List<String> grants = new ArrayList<>();
            List<String> requests = new ArrayList<>(List.of(onRetired));
            for (OutputPort port : onePortPerProduct()) {
                grants.add(approved(Principal.consumer("g" + round), port.address(), 30).id());
                requests.add(server.registry.access().request(Principal.consumer("r" + round),
                        NewAccessRequest.of(port.address(), "pending", 30)).id());
            }
            Grant revoked = approved(Principal.consumer("v" + round), PORT, 30);
            server.registry.access().revoke(server.admin, revoked.id(), "gone");
            grants.add(revoked.id());
            Grant expired = approved(Principal.consumer("e" + round), PORT, 1);
            server.clock.advance(Duration.ofDays(2));
            grants.add(expired.id());

            Browser browser = signedIn(principal.getValue());
            String page = browser.get("/ui/access").body();
            Set<String> revocable = Set.copyOf(revokeForms(page));
            Set<String> approvable = Set.copyOf(decisionForms(page, "approve"));
            Set<String> rejectable = Set.copyOf(decisionForms(page, "reject"));
            assertThat(rejectable).as(principal.getKey()).containsAll(approvable);
            Set<String> listedGrants = new LinkedHashSet<>(grants);
            listedGrants.addAll(ids(page, "id=\"grant-([0-9a-z]{26})\""));
            Set<String> listedRequests = new LinkedHashSet<>(requests);
            listedRequests.addAll(ids(page, "id=\"row-([0-9a-z]{26})\" class=\"state-pending"));
            String csrf = Browser.csrf(page);
            for (String grant : listedGrants) {
                int status = browser.post("/ui/access/grants/" + grant + "/revoke", Map.of("csrf", csrf, "reason",
                        "parity")).statusCode();
                assertThat(status == 303).as(principal.getKey() + " revokes grant " + grant + ": " + status)
                        .isEqualTo(revocable.contains(grant));
            }
            for (String request : listedRequests) {
                int approve = browser.post("/ui/access/requests/" + request + "/approve", Map.of("csrf", csrf))
                        .statusCode();
                assertThat(approve == 303).as(principal.getKey() + " approves request " + request + ": " + approve)
                        .isEqualTo(approvable.contains(request));
                if (approve != 303) {
                    int reject = browser.post("/ui/access/requests/" + request + "/reject", Map.of("csrf", csrf,
                            "reason", "parity")).statusCode();
                    assertThat(reject == 303).as(principal.getKey() + " rejects request " + request + ": " + reject)
                            .isEqualTo(rejectable.contains(request));
                }
            }
            boolean decidesNothing = principal.getKey().startsWith("governance") || principal.getKey().equals("consumer");
            assertThat(revocable.isEmpty()).as(principal.getKey() + " is offered revocations").isEqualTo(decidesNothing);
            assertThat(approvable.isEmpty()).as(principal.getKey() + " is offered decisions").isEqualTo(decidesNothing);
        }
    }

    /** A request by {@code principal} for {@code port}, approved by the platform-admin: its grant. */
    private Grant approved(Principal principal, String port) {
        return approved(principal, port, 30);
    }

    private Grant approved(Principal principal, String port, int days) {
        var request = server.registry.access().request(principal,
                NewAccessRequest.of(port, "revoke forms", days));
        String grantId = server.registry.access().approve(server.admin, request.id(),
                Approval.asRequested()).grantId();
        return server.registry.access().getGrant(server.admin, grantId);
    }

    /** The ids of the grants a page offers a revoke form for. */
    private static List<String> revokeForms(String page) {
        return ids(page, "/ui/access/grants/([0-9a-z]{26})/revoke");
    }

    /** The ids of the requests a page offers a form to approve or reject ({@code decision}). */
    private static List<String> decisionForms(String page, String decision) {
        return ids(page, "/ui/access/requests/([0-9a-z]{26})/" + decision);
    }

    private static List<String> ids(String page, String pattern) {
        Matcher found = Pattern.compile(pattern).matcher(page);
        List<String> ids = new ArrayList<>();
        while (found.find()) {
            ids.add(found.group(1));
        }
        return ids;
    }

    /** The table row of a grant. */
    private static String rowOf(String page, String grantId) {
        int start = page.indexOf("id=\"grant-" + grantId + "\"");
        assertThat(start).as("grant " + grantId + " listed").isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** One output port of every product that offers one. */
    private List<OutputPort> onePortPerProduct() {
        Map<String, OutputPort> first = new LinkedHashMap<>();
        server.registry.access().outputPorts().list().forEach(port -> first.putIfAbsent(port.product(), port));
        return List.copyOf(first.values());
    }

    private String portOf(String product) {
        return server.registry.access().outputPorts().list().stream().filter(port -> port.product().equals(product))
                .findFirst().orElseThrow().address();
    }

    /** Deprecates and retires {@code product}, as its domain's owner or a platform-admin would. */
    private void retire(String product) {
        server.registry.lifecycle().changeLifecycle(server.admin, product, LifecycleStatus.DEPRECATED,
                LocalDate.of(2030, 1, 1), null);
        server.registry.lifecycle().changeLifecycle(server.admin, product, LifecycleStatus.RETIRED, null, null);
    }

    private String token(String name, Role role, String domain, String team) {
        return server.registry.tokens().create(server.admin, new NewToken(name, role, domain,
                team, null)).secret();
    }

    private GrantSet grantsOf(String principal) {
        return server.registry.access().grantsFor(Principal.consumer(principal), server.clock.instant());
    }

    private static String requestId(String location) {
        Matcher matcher = REQUEST_ID.matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return matcher.group(1);
    }
}
