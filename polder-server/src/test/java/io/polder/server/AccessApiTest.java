package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.PageRequest;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Access over HTTP on the example mesh: a consumer's request lands in the owners' inbox, an owner approves it
 * with a row filter the gateway's check accepts (and is refused one it does not), the grant is listed and
 * revoked, every step is audited, and the relation names are listed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessApiTest {
    private TestServer server;
    private ApiClient api;
    private String admin;
    private String consumer;
    private String otherConsumer;
    private String customerOwner;
    private String salesOwner;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.sqlite());
        api = server.api();
        admin = server.adminToken();
        Answer applied = api.post("/api/v1/apply", admin, Meshes.example());
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        consumer = server.token("carla", Role.CONSUMER, null, null);
        otherConsumer = server.token("erik", Role.CONSUMER, null, null);
        customerOwner = server.token("chen", Role.DOMAIN_OWNER, "customer", null);
        salesOwner = server.token("dana", Role.DOMAIN_OWNER, "sales", null);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void requestInboxApproveGrantsRevoke() {
        Answer created = api.post("/api/v1/access/requests", consumer, Map.of("port", "customer-profiles/customers",
                "purpose", "churn model", "days", 90, "unmask", List.of("email"), "rowScope", "Dutch customers"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("state").asText()).isEqualTo("pending");
        assertThat(created.json().path("granteeKind").asText()).isEqualTo("principal");

        JsonNode inbox = api.get("/api/v1/access/inbox", customerOwner).json();
        assertThat(ids(inbox.path("pending"))).contains(id);
        assertThat(ids(api.get("/api/v1/access/inbox", salesOwner).json().path("pending"))).doesNotContain(id);

        Answer badColumn = api.post("/api/v1/access/requests/" + id + "/approve", customerOwner,
                Map.of("rowFilter", "region = 'EU'"));
        assertThat(badColumn.status()).as(badColumn.toString()).isEqualTo(400);
        assertThat(badColumn.json().path("message").asText()).contains("region", "country_code");
        assertThat(badColumn.json().path("details").path("field").asText()).isEqualTo("rowFilter");
        Answer sneaky = api.post("/api/v1/access/requests/" + id + "/approve", customerOwner,
                Map.of("rowFilter", "country_code = 'NL') UNION SELECT * FROM secrets WHERE (true"));
        assertThat(sneaky.status()).as(sneaky.toString()).isEqualTo(400);
        Answer notTheirs = api.post("/api/v1/access/requests/" + id + "/approve", salesOwner, Map.of());
        assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(403);
        assertThat(api.get("/api/v1/access/requests/" + id, consumer).json().path("state").asText())
                .as("refused approvals change nothing").isEqualTo("pending");

        Answer approved = api.post("/api/v1/access/requests/" + id + "/approve", customerOwner,
                Map.of("rowFilter", "country_code IN ('NL', 'BE')", "days", 30));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("state").asText()).isEqualTo("approved");
        String grantId = approved.json().path("grantId").asText();
        Answer again = api.post("/api/v1/access/requests/" + id + "/approve", customerOwner, Map.of());
        assertThat(again.status()).isEqualTo(409);

        JsonNode grants = api.get("/api/v1/access/grants", consumer).json().path("items");
        assertThat(grants).hasSize(1);
        JsonNode grant = grants.get(0);
        assertThat(grant.path("id").asText()).isEqualTo(grantId);
        assertThat(grant.path("rowFilter").asText()).isEqualTo("country_code IN ('NL', 'BE')");
        assertThat(grant.path("unmaskedColumns").toString()).isEqualTo("[\"email\"]");
        assertThat(Instant.parse(grant.path("expiresAt").asText())).isAfter(Instant.now().plusSeconds(29L * 86400));
        assertThat(server.registry().access().grantsFor(Principal.consumer("carla"), Instant.now())
                .active()).extracting(g -> g.id()).containsExactly(grantId);
        assertThat(api.get("/api/v1/access/grants", otherConsumer).json().path("items")).isEmpty();
        assertThat(api.get("/api/v1/access/grants/" + grantId, otherConsumer).status()).isEqualTo(403);

        Answer noReason = api.post("/api/v1/access/grants/" + grantId + "/revoke", customerOwner, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        Answer revoked = api.post("/api/v1/access/grants/" + grantId + "/revoke", customerOwner,
                Map.of("reason", "model retired"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").isTextual()).isTrue();
        assertThat(server.registry().access().grantsFor(Principal.consumer("carla"), Instant.now())
                .active()).isEmpty();
        assertThat(api.get("/api/v1/access/grants", consumer).json().path("items")).isEmpty();
        assertThat(api.get("/api/v1/access/grants?lapsed=true", consumer).json().path("items")).hasSize(1);

        List<AuditEvent> audited = server.registry().audit().list(Principal.platformAdmin("check"),
                AuditFilter.all().withTarget("port/customer-profiles/customers"), PageRequest.first()).items();
        assertThat(audited).extracting(event -> event.action() + ":" + event.outcome().value() + ":"
                        + event.details().getOrDefault("decision", "-"))
                .contains("request-access:succeeded:-", "decide-access:succeeded:approved",
                        "decide-access:succeeded:revoked");
    }

    @Test
    void aRejectionIsSeenByTheRequester() {
        String id = api.post("/api/v1/access/requests", otherConsumer, Map.of("port", "sales-orders/orders",
                "purpose", "curiosity", "days", 7)).json().path("id").asText();
        Answer rejected = api.post("/api/v1/access/requests/" + id + "/reject", salesOwner,
                Map.of("reason", "no business need"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        JsonNode mine = api.get("/api/v1/access/requests?state=rejected", otherConsumer).json().path("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("decisionReason").asText()).isEqualTo("no business need");
    }

    @Test
    void badRequestsAreRefusedWithTheField() {
        Answer noPort = api.post("/api/v1/access/requests", consumer, Map.of("purpose", "x", "days", 3));
        assertThat(noPort.status()).isEqualTo(400);
        Answer unknownField = api.post("/api/v1/access/requests", consumer, Map.of("port", "sales-orders/orders",
                "purpose", "x", "days", 3, "grantee", "someone-else"));
        assertThat(unknownField.status()).isEqualTo(400);
        Answer days = api.post("/api/v1/access/requests", consumer, Map.of("port", "sales-orders/orders",
                "purpose", "x", "days", 0));
        assertThat(days.status()).isEqualTo(400);
        assertThat(days.json().path("details").path("field").asText()).isEqualTo("days");
        Answer unknownPort = api.post("/api/v1/access/requests", consumer, Map.of("port", "sales-orders/nope",
                "purpose", "x", "days", 3));
        assertThat(unknownPort.status()).isEqualTo(404);
        assertThat(unknownPort.json().path("message").asText()).contains("its output ports: orders");
        assertThat(api.get("/api/v1/access/requests?state=maybe", consumer).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/access/requests/not-an-id", consumer).status()).isEqualTo(400);
    }

    @Test
    void everyOutputPortTableHasItsRelationName() {
        Answer answer = api.get("/api/v1/relations", consumer);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> relations = new ArrayList<>();
        answer.json().path("items").forEach(item -> relations.add(item.path("product").asText() + " "
                + item.path("port").asText() + " " + item.path("version").asText() + " " + item.path("relation").asText()));
        assertThat(relations).contains("sales-orders orders 1.2.0 \"sales-orders/orders\".\"orders\"",
                "sales-orders orders 1.2.0 \"sales-orders/orders\".\"order_lines\"",
                "customer-profiles customers 2.1.0 \"customer-profiles/customers\".\"customers\"");
        JsonNode first = api.get("/api/v1/relations?product=sales-orders&limit=1", consumer).json();
        assertThat(first.path("items")).hasSize(1);
        assertThat(first.path("items").get(0).path("versionedRelation").asText())
                .isEqualTo("\"sales-orders/orders/v1\".\"orders\"");
        JsonNode second = api.get("/api/v1/relations?product=sales-orders&limit=1&cursor="
                + first.path("nextCursor").asText(), consumer).json();
        assertThat(second.path("items").get(0).path("table").asText()).isEqualTo("order_lines");
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
