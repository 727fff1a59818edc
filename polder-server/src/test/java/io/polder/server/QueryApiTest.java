package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.access.AccessRequest;
import io.polder.registry.access.Approval;
import io.polder.registry.access.NewAccessRequest;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/query} end to end: a real server, products built and published on the embedded engine,
 * grants made through the registry's access service, queries over HTTP as JSON and CSV; refusals with the
 * gateway's status; the usage and audit logs over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {
    private static final Principal APPROVER = Principal.platformAdmin("query-api-approver");
    private static final String ORDERS = "\"sales-orders/orders\".orders";
    private static final String CUSTOMERS = "\"customer-profiles/customers\".customers";

    private QueryFixture fixture;
    private ApiClient api;
    private String analyst;

    @BeforeAll
    void start() {
        fixture = QueryFixture.start(TestDatabase.sqlite());
        api = fixture.server.api();
        analyst = fixture.server.token("analyst", Role.CONSUMER, null, null);
        grant("analyst", "sales-orders/orders", 90, Approval.asRequested());
        grant("analyst", "customer-profiles/customers", 90, Approval.asRequested().withRowFilter("country_code = 'NL'"));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private String grant(String consumer, String address, int days, Approval approval) {
        AccessRequest request = fixture.server.registry().access().request(Principal.consumer(consumer),
                NewAccessRequest.of(address, "query tests", days));
        return fixture.server.registry().access().approve(APPROVER, request.id(), approval).grantId();
    }

    private Answer query(String token, Object body, String accept) {
        return api.send("POST", "/api/v1/query", token, body, accept == null ? Map.of() : Map.of("Accept", accept));
    }

    private Answer query(String token, String sql) {
        return query(token, Map.of("sql", sql), null);
    }

    @Test
    void aGrantedQueryAnswersJsonWithColumnsRowsAndCounts() {
        Answer answer = query(analyst, "SELECT order_id, gross_amount, sales_channel FROM " + ORDERS
                + " ORDER BY order_id LIMIT 3");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.path("columns").findValuesAsText("name")).containsExactly("order_id", "gross_amount", "sales_channel");
        assertThat(json.path("columns").get(0).path("type").asText()).isEqualTo("BIGINT");
        assertThat(json.path("rows")).hasSize(3);
        assertThat(json.path("rows").get(0).get(0).isNumber()).isTrue();
        assertThat(json.path("rows").get(0).get(1).isNumber()).as("decimals stay numbers").isTrue();
        assertThat(json.path("rowCount").asLong()).isEqualTo(3);
        assertThat(json.path("truncated").asBoolean()).isFalse();
        assertThat(json.has("elapsedMs")).isTrue();
        assertThat(answer.header("Polder-Row-Count")).isEqualTo("3");
        assertThat(answer.header("Polder-Row-Cap")).isEqualTo("10000");
    }

    @Test
    void csvHasAHeaderLineAndTheCountsInHeaders() {
        Answer answer = query(analyst, Map.of("sql", "SELECT order_id, sales_channel FROM " + ORDERS
                + " ORDER BY order_id LIMIT 4"), "text/csv");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/csv");
        List<String> lines = answer.body().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.getFirst()).isEqualTo("order_id,sales_channel");
        assertThat(lines.get(1)).matches("[0-9]+,[a-z_]+");
        assertThat(answer.header("Polder-Row-Count")).isEqualTo("4");
        assertThat(answer.header("Polder-Truncated")).isEqualTo("false");
    }

    @Test
    void aResultPastTheRowCapIsTruncatedNotRefused() {
        Answer answer = query(analyst, Map.of("sql", "SELECT order_id FROM " + ORDERS, "rowCap", 5), null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("rows")).hasSize(5);
        assertThat(answer.json().path("truncated").asBoolean()).isTrue();
        assertThat(answer.header("Polder-Row-Cap")).isEqualTo("5");
        assertThat(answer.header("Polder-Truncated")).isEqualTo("true");
    }

    @Test
    void aLargeResultStreamsAndStillEndsWithItsCounts() {
        Answer answer = query(analyst, Map.of("sql", "SELECT * FROM \"sales-orders/orders\".order_lines", "rowCap", 100_000),
                null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().length()).isGreaterThan(64 * 1024);
        assertThat(answer.header("Content-Length")).as("streamed, not sent whole").isNull();
        JsonNode json = answer.json();
        assertThat(json.path("rowCount").asLong()).isEqualTo(json.path("rows").size()).isGreaterThan(2_000);
        Answer csv = query(analyst, Map.of("sql", "SELECT * FROM \"sales-orders/orders\".order_lines", "rowCap", 100_000),
                "text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(json.path("rowCount").asLong() + 1);
    }

    @Test
    void anUngrantedRelationIsRefusedWithTheCommandThatRequestsIt() {
        Answer answer = query(analyst, "SELECT * FROM \"logistics-shipments/shipments\".shipments");
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("FORBIDDEN");
        assertThat(answer.json().path("message").asText()).contains("polder access request logistics-shipments/shipments");
        assertThat(answer.json().path("details").path("command").asText()).startsWith("polder access request");
    }

    @Test
    void personalColumnsAreMaskedAndTheRowFilterApplies() {
        Answer answer = query(analyst, "SELECT email, date_of_birth, country_code FROM " + CUSTOMERS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode rows = answer.json().path("rows");
        assertThat(rows.size()).isPositive();
        for (JsonNode row : rows) {
            assertThat(row.get(0).asText()).matches("[0-9a-f]{64}");
            assertThat(row.get(1).isNull()).isTrue();
            assertThat(row.get(2).asText()).isEqualTo("NL");
        }
        Answer probing = query(analyst, "SELECT count(*) AS n FROM " + CUSTOMERS + " WHERE email LIKE '%@%'");
        assertThat(probing.json().path("rows").get(0).get(0).asLong()).as("predicates see the hash only").isZero();
    }

    @Test
    void aRevokedOrExpiredGrantIsRefusedOnTheNextQuery() {
        String leaver = fixture.server.token("leaver", Role.CONSUMER, null, null);
        String grantId = grant("leaver", "sales-orders/orders", 90, Approval.asRequested());
        String sql = "SELECT count(*) FROM " + ORDERS;
        assertThat(query(leaver, sql).status()).isEqualTo(200);
        fixture.server.registry().access().revoke(APPROVER, grantId, "left the project");
        Answer revoked = query(leaver, sql);
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.json().path("message").asText()).contains("revoked").contains("polder access request sales-orders/orders");

        String shortLived = fixture.server.token("short-lived", Role.CONSUMER, null, null);
        grant("short-lived", "sales-orders/orders", 1, Approval.asRequested());
        assertThat(query(shortLived, sql).status()).isEqualTo(200);
        fixture.advance(Duration.ofDays(2));
        Answer expired = query(shortLived, sql);
        assertThat(expired.status()).as(expired.body()).isEqualTo(403);
        assertThat(expired.json().path("message").asText()).contains("expired");
    }

    @Test
    void aLongQueryIsCancelledAtItsTimeoutWhileTheServerServesOthers() throws Exception {
        java.util.concurrent.CompletableFuture<Answer> endless = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                query(analyst, Map.of("sql", "SELECT count(*) FROM range(1000000000000) a", "timeoutSeconds", 15), null));
        Answer others = api.get("/api/v1/products/sales-orders", analyst);
        Answer otherQuery = query(analyst, "SELECT count(*) FROM " + ORDERS);
        assertThat(others.status()).isEqualTo(200);
        assertThat(otherQuery.status()).isEqualTo(200);
        assertThat(endless).as("the long query still runs while the others are answered").isNotDone();
        Answer stopped = endless.get(5, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(413);
        assertThat(stopped.json().path("message").asText()).contains("longer than its timeout of 15s");
    }

    @Test
    void badQueriesAreRefusedWithTheGatewaysStatus() {
        Answer several = query(analyst, "SELECT 1; SELECT 2");
        assertThat(several.status()).as(several.body()).isEqualTo(400);
        assertThat(several.json().path("message").asText()).contains("2 statements");
        Answer syntax = query(analyst, "SELECT FROM WHERE");
        assertThat(syntax.status()).isEqualTo(400);
        Answer tooLong = query(analyst, "SELECT 1 AS x" + " ".repeat(300 * 1024));
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(413);
        assertThat(tooLong.json().path("message").asText()).contains("characters long");
        Answer attach = query(analyst, "ATTACH 'x.db'");
        assertThat(attach.status()).isEqualTo(403);
        Answer missing = query(analyst, Map.of("rowCap", 3), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("sql is required");
        Answer html = query(analyst, Map.of("sql", "SELECT 1"), "text/html");
        assertThat(html.status()).isEqualTo(400);
    }

    @Test
    void limitsAboveTheServersMaximumAreRefusedNotLowered() {
        Answer rows = query(analyst, Map.of("sql", "SELECT 1", "rowCap", 2_000_000), null);
        assertThat(rows.status()).as(rows.toString()).isEqualTo(400);
        assertThat(rows.json().path("message").asText()).isEqualTo("rowCap must be at most 1000000 (the server's"
                + " maximum), found 2000000");
        assertThat(rows.json().path("details").path("field").asText()).isEqualTo("rowCap");
        assertThat(rows.json().path("details").path("max").asLong()).isEqualTo(1_000_000);
        Answer time = query(analyst, Map.of("sql", "SELECT 1", "timeoutSeconds", 600), null);
        assertThat(time.status()).as(time.toString()).isEqualTo(400);
        assertThat(time.json().path("message").asText()).contains("timeoutSeconds must be at most 300");
        assertThat(time.json().path("details").path("field").asText()).isEqualTo("timeoutSeconds");
        Answer highest = query(analyst, Map.of("sql", "SELECT 1", "rowCap", 1_000_000, "timeoutSeconds", 300), null);
        assertThat(highest.status()).as(highest.toString()).isEqualTo(200);
    }

    @Test
    void everyQueryIsInTheUsageAndAuditLogs() {
        String auditor = fixture.server.token("usage-reader", Role.CONSUMER, null, null);
        grant("usage-reader", "sales-orders/orders", 30, Approval.asRequested());
        assertThat(query(auditor, "SELECT order_id, net_amount FROM " + ORDERS + " LIMIT 2").status()).isEqualTo(200);
        assertThat(query(auditor, "SELECT * FROM " + CUSTOMERS).status()).isEqualTo(403);
        assertThat(query(analyst, "SELECT count(*) FROM " + ORDERS).status()).isEqualTo(200);
        assertThat(query(analyst, "SELECT count(*) FROM " + CUSTOMERS).status()).isEqualTo(200);
        fixture.server.server().queries().awaitRecorded();

        JsonNode own = api.get("/api/v1/usage", auditor).json().path("items");
        assertThat(own).hasSize(2);
        assertThat(own.findValuesAsText("principal")).containsOnly("usage-reader");
        JsonNode refused = own.get(0);
        assertThat(refused.path("outcome").asText()).isEqualTo("denied");
        assertThat(refused.path("ports").get(0).path("product").asText()).isEqualTo("customer-profiles");
        JsonNode allowed = own.get(1);
        assertThat(allowed.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(allowed.path("rows").asLong()).isEqualTo(2);
        List<String> columns = new ArrayList<>();
        allowed.path("ports").get(0).path("columns").forEach(column -> columns.add(column.asText()));
        assertThat(columns).containsExactly("order_id", "net_amount");

        JsonNode perConsumer = api.get("/api/v1/products/sales-orders/usage", fixture.admin).json();
        assertThat(perConsumer.path("complete").asBoolean()).isTrue();
        assertThat(perConsumer.path("consumers").findValuesAsText("consumer")).contains("usage-reader", "analyst");
        JsonNode ownLine = api.get("/api/v1/products/sales-orders/usage", auditor).json();
        assertThat(ownLine.path("consumers").findValuesAsText("consumer")).containsExactly("usage-reader");

        JsonNode audit = api.get("/api/v1/audit?action=query-data&principal=usage-reader", fixture.admin).json().path("items");
        assertThat(audit.findValuesAsText("outcome")).containsExactly("denied", "succeeded");
        assertThat(audit.get(1).path("target").asText()).isEqualTo("port/sales-orders/orders/v1");
        assertThat(audit.get(1).path("details").path("relations").asText()).contains("\"sales-orders/orders\"");
        assertThat(api.get("/api/v1/audit?action=query-data&principal=analyst", fixture.admin).json().path("items")
                .findValuesAsText("target")).anySatisfy(target -> assertThat(target).contains("customer-profiles"));
    }
}
