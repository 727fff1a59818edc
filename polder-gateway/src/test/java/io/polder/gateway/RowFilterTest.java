package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A grant's row filter: checked on the parse tree as a grant is made, and again before every query uses it. */
class RowFilterTest {
    private static final List<String> COLUMNS = List.of("customer_id", "country_code", "email", "balance");

    @TempDir
    static Path directory;
    static GatewayFixture fixture;
    static QueryGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture(directory);
        gateway = new QueryGateway(GatewayFixture.settings(directory.resolve("temp")), GatewayFixture.clock(), decision -> { });
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "country_code = 'NL'",
        "country_code IN ('NL', 'BE') AND customer_id > 10",
        "Country_Code <> 'DE' OR balance BETWEEN 0 AND 100",
        "CASE WHEN country_code = 'NL' THEN true ELSE customer_id % 2 = 0 END",
        "lower(email) LIKE '%@example.com' AND CAST(balance AS INTEGER) > 1",
        "country_code = 'NL' -- only the Dutch customers",
        "NOT (country_code IS NULL)",
    })
    void filtersOverTheRelationsOwnColumnsPass(String sql) {
        assertThatCode(() -> gateway.checkRowFilter(new RowFilter(sql), COLUMNS)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "country_code = 'NL') UNION SELECT * FROM \"finance-ledger/entries\".entries WHERE (true",
        "country_code = 'NL'); SELECT 1; SELECT (1",
        "customer_id IN (SELECT customer_id FROM \"sales-orders/orders\".orders)",
        "EXISTS (SELECT 1)",
        "row_number() OVER () < 10",
        "count(*) > 0",
        "salary > 10",
        "t.country_code = 'NL'",
        "getvariable('polder_mask_ipad') IS NOT NULL",
        "current_setting('allowed_paths') = ''",
        "country_code = $1",
        "list_filter([1], lambda x: x > 0) IS NOT NULL",
        "country_code = 'NL' /* unclosed",
        "",
    })
    void anythingElseIsRefused(String sql) {
        assertThatThrownBy(() -> gateway.checkRowFilter(new RowFilter(sql.isEmpty() ? " " : sql), COLUMNS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filter");
    }

    @Test
    void anUnknownColumnIsNamed() {
        assertThatThrownBy(() -> gateway.checkRowFilter(new RowFilter("salary > 10"), COLUMNS))
                .hasMessageContaining("names the column salary, which the relation does not have")
                .hasMessageContaining("customer_id, country_code, email, balance");
    }

    @Test
    void aBrokenFilterOnAGrantRefusesTheQueryRatherThanShowUnfilteredRows() {
        GrantedRelation broken = fixture.customers(new RowFilter("customer_id IN (SELECT 1)"), null);
        AccessView access = AccessView.of("analyst@acme.example", List.of(broken));
        assertThatThrownBy(() -> gateway.execute(GatewayFixture.request("SELECT count(*) FROM "
                + GatewayFixture.CUSTOMERS.sql()), access, new RowCollector()))
                .isInstanceOf(QueryRefusedException.class)
                .hasMessageContaining("the row filter of your grant on \"customer-profiles/customers\".\"customers\"")
                .satisfies(e -> assertThat(((QueryRefusedException) e).code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void theFilterAppliesToPublishedValuesBeforeTheMasks() {
        // the email is hashed for the consumer, but the grant filters on the clear value
        GrantedRelation relation = fixture.customers(new RowFilter("email LIKE 'user1%'"), null);
        RowCollector rows = new RowCollector();
        gateway.execute(GatewayFixture.request("SELECT customer_id, email FROM " + GatewayFixture.CUSTOMERS.sql()
                + " ORDER BY 1"), AccessView.of("analyst@acme.example", List.of(relation)), rows);
        assertThat(rows.column("customer_id")).containsExactly(1L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 100L);
        assertThat(rows.column("email")).allSatisfy(email -> assertThat((String) email).matches("[0-9a-f]{64}"));
    }
}
