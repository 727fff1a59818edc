package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.access.AccessRequest;
import io.polder.registry.access.Approval;
import io.polder.registry.access.NewAccessRequest;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.server.query.QueryLimits;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server's Arrow Flight SQL endpoint with a real client, the Flight SQL JDBC driver from Maven Central: a
 * granted port answers as {@code POST /api/v1/query} does (same masks, same rows), an ungranted one is refused
 * with the command that requests it, a bad token is refused, and Flight queries land in the usage log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSqlServerTest {
    private static final Principal APPROVER = Principal.platformAdmin("flight-approver");
    private static final String ORDERS = "\"sales-orders/orders\".orders";
    private static final String CUSTOMERS = "\"customer-profiles/customers\".customers";
    /** The server's default row cap here (a query through Flight SQL names none). */
    private static final int ROW_CAP = 20;

    private QueryFixture fixture;
    private String analyst;

    @BeforeAll
    void start() {
        fixture = QueryFixture.start(TestDatabase.sqlite(), config -> config.withFlightPort(0)
                .withQueryLimits(QueryLimits.defaults().withRowCaps(ROW_CAP, 2 * ROW_CAP)));
        analyst = fixture.server.token("flight-analyst", Role.CONSUMER, null, null);
        grant("flight-analyst", "sales-orders/orders");
        grant("flight-analyst", "customer-profiles/customers");
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private void grant(String consumer, String address) {
        AccessRequest request = fixture.server.registry().access().request(Principal.consumer(consumer),
                NewAccessRequest.of(address, "flight tests", 30));
        fixture.server.registry().access().approve(APPROVER, request.id(), Approval.asRequested());
    }

    private Connection connect(String token) throws SQLException {
        String url = fixture.server.server().flightUrl().orElseThrow();
        assertThat(url).startsWith("jdbc:arrow-flight-sql://127.0.0.1:").endsWith("/?useEncryption=false");
        return DriverManager.getConnection(url + "&token=" + token);
    }

    private static List<List<Object>> rows(ResultSet result) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int width = result.getMetaData().getColumnCount();
        while (result.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= width; i++) {
                row.add(result.getString(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aGrantedPortAnswersAsTheRestEndpointDoesMasksIncluded() throws Exception {
        String sql = "SELECT customer_id, email, country_code FROM " + CUSTOMERS + " ORDER BY customer_id LIMIT 5";
        List<List<Object>> flight;
        try (Connection connection = connect(analyst); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.getMetaData().getColumnName(2)).isEqualTo("email");
            flight = rows(result);
        }
        assertThat(flight).hasSize(5).allSatisfy(row -> assertThat((String) row.get(1)).matches("[0-9a-f]{64}"));

        JsonNode rest = fixture.server.api().send("POST", "/api/v1/query", analyst, Map.of("sql", sql), Map.of()).json();
        List<List<Object>> expected = new ArrayList<>();
        rest.path("rows").forEach(row -> {
            List<Object> values = new ArrayList<>();
            row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
            expected.add(values);
        });
        assertThat(flight).isEqualTo(expected);

        try (Connection connection = connect(analyst); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) AS n FROM " + ORDERS)) {
            assertThat(count.next()).isTrue();
            assertThat(count.getLong(1)).isEqualTo(rest(analyst, "SELECT count(*) AS n FROM " + ORDERS));
        }
    }

    @Test
    void anUngrantedPortAndABadTokenAreRefused() throws Exception {
        String stranger = fixture.server.token("flight-stranger", Role.CONSUMER, null, null);
        try (Connection connection = connect(stranger); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM " + ORDERS))
                    .hasMessageContaining("polder access request sales-orders/orders");
        }
        assertThatThrownBy(() -> {
            try (Connection connection = connect("pld_not_a_token"); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1");
            }
        }).isInstanceOf(SQLException.class);
    }

    @Test
    void catalogCallsListTheGrantedRelationsAndQueriesAreCounted() throws Exception {
        try (Connection connection = connect(analyst)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = connection.getMetaData().getTables(null, null, "%", null)) {
                while (result.next()) {
                    tables.add(result.getString("TABLE_SCHEM") + "." + result.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("sales-orders/orders.orders", "customer-profiles/customers.customers")
                    .noneMatch(table -> table.startsWith("finance"));
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT order_id FROM " + ORDERS + " LIMIT 3")) {
                assertThat(rows(result)).hasSize(3);
            }
        }
        fixture.server.server().queries().awaitRecorded();
        JsonNode usage = fixture.server.api().get("/api/v1/usage", analyst).json().path("items");
        assertThat(usage.findValuesAsText("principal")).containsOnly("flight-analyst");
        assertThat(usage.findValuesAsText("outcome")).contains("succeeded");
    }

    @Test
    void theServersRowCapCutsAFlightResultWhichSaysSoWhenAsked() throws Exception {
        String sql = "SELECT order_id FROM " + ORDERS;
        try (Connection connection = connect(analyst); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(rows(result)).hasSize(ROW_CAP);
        }
        Answer rest = fixture.server.api().send("POST", "/api/v1/query", analyst, Map.of("sql", sql), Map.of());
        assertThat(rest.header("Polder-Row-Cap")).isEqualTo(String.valueOf(ROW_CAP));
        assertThat(rest.json().path("truncated").asBoolean()).isTrue();
        Answer asked = fixture.server.api().send("POST", "/api/v1/query", analyst,
                Map.of("sql", sql, "rowCap", 10 * ROW_CAP), Map.of());
        assertThat(asked.status()).as("above the server's highest: refused, not lowered").isEqualTo(400);
        assertThat(asked.json().path("details").path("max").asLong()).isEqualTo(2 * ROW_CAP);

        String url = fixture.server.server().flightUrl().orElseThrow() + "&token=" + analyst + "&polder-truncation=error";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> rows(statement.executeQuery(sql)))
                    .hasMessageContaining("cut at the row cap after " + ROW_CAP + " rows");
            assertThat(rows(statement.executeQuery(sql + " LIMIT 3"))).hasSize(3);
        }
    }

    private long rest(String token, String sql) {
        Answer answer = fixture.server.api().send("POST", "/api/v1/query", token, Map.of("sql", sql), Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("rows").get(0).get(0).asLong();
    }
}
