package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a consumer gets back: order, columns, CSV. */
class ResultShapeTest {
    private static final String O = "\"sales-orders/orders\".orders";

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

    @Test
    void theQuerysOrderSurvivesTheRowCap() {
        RowCollector rows = new RowCollector();
        QueryResult result = gateway.execute(new QueryRequest("SELECT range AS n FROM range(50000) ORDER BY n DESC;",
                "analyst@acme.example", 5_000, java.time.Duration.ofSeconds(30)), fixture.analyst(), rows);
        assertThat(result.truncated()).isTrue();
        assertThat(rows.column("n")).hasSize(5_000).startsWith(49_999L, 49_998L).endsWith(45_000L);
    }

    @Test
    void aRowCapOfZeroGivesTheColumnsWithoutRunningTheQuery() {
        RowCollector rows = new RowCollector();
        QueryResult result = gateway.execute(new QueryRequest("SELECT order_id, error('evaluated') AS failing FROM " + O,
                "analyst@acme.example", 0, java.time.Duration.ofSeconds(30)), fixture.analyst(), rows);
        assertThat(result.columns()).extracting(ResultColumn::name).containsExactly("order_id", "failing");
        assertThat(result.rowCount()).isZero();
        assertThat(result.truncated()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gateway.execute(new QueryRequest(
                "SELECT order_id, error('evaluated') AS failing FROM " + O, "analyst@acme.example", 1,
                java.time.Duration.ofSeconds(30)), fixture.analyst(), new RowCollector()))
                .as("with a row to return, the query runs").hasMessageContaining("evaluated");
    }

    @Test
    void duplicateColumnNamesAndATrailingCommentAreKept() {
        RowCollector rows = new RowCollector();
        QueryResult result = gateway.execute(GatewayFixture.request("SELECT a.order_id, b.order_id FROM " + O + " a JOIN "
                + O + " b USING (order_id) ORDER BY 1 LIMIT 2 -- the first two"), fixture.analyst(), rows);
        assertThat(result.columns()).hasSize(2);
        assertThat(rows.rows()).containsExactly(java.util.List.of(1L, 1L), java.util.List.of(2L, 2L));
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullEmpty() throws Exception {
        StringWriter text = new StringWriter();
        CsvRowSink csv = new CsvRowSink(text);
        gateway.execute(GatewayFixture.request("SELECT 1 AS id, 'a,b' AS \"with comma\", 'say \"hi\"' AS quote, NULL AS nothing,"
                + " DATE '2026-01-02' AS day, 12.50::DECIMAL(10,2) AS amount, 'two\nlines' AS lines"), fixture.analyst(), csv);
        csv.finish();
        assertThat(text.toString()).isEqualTo("id,with comma,quote,nothing,day,amount,lines\r\n"
                + "1,\"a,b\",\"say \"\"hi\"\"\",,2026-01-02,12.50,\"two\nlines\"\r\n");
    }
}
