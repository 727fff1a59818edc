package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SnapshotId;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Null counts from the snapshot's Parquet footers give the same verdicts as counting them in the scan. */
class FooterStatisticsTest {
    /** Kit orders with a second table, the orders' emails, in the same contract. */
    private static final String TWO_TABLES = KitFixtures.ORDERS_CONTRACT + """
              - name: order_emails
                physicalType: table
                properties:
                  - name: order_id
                    logicalType: integer
                    physicalType: bigint
                    required: true
                  - name: customer_email
                    logicalType: string
                    physicalType: varchar(254)
                    required: true
                    classification: personal
            """;

    @Test
    void footersAndScansAgree(@TempDir Path withFooters, @TempDir Path withScans) {
        CheckRun fromFooters = badBuild(withFooters, "true");
        CheckRun fromScans = badBuild(withScans, "false");

        assertSameResults(fromFooters, fromScans);
        assertThat(fromFooters.result("orders.customer_email:required").orElseThrow().value()).isEqualTo(1L);
        assertThat(fromFooters.result("orders.customer_email:required").orElseThrow().failedRows().rows()).hasSize(1);
    }

    @Test
    void aFooterDuckDbCannotReadLeavesOnlyItsOwnFileToTheScan(@TempDir Path data) {
        Path odd = data.resolve("odd.parquet");
        Path plain = data.resolve("plain.parquet");
        try (CheckHarness harness = new CheckHarness(data)) {
            DuckDbSession session = harness.session();
            for (Path file : List.of(odd, plain)) {
                session.execute("COPY (SELECT i AS id, CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' || i END AS note"
                        + " FROM range(1, 1001) t(i)) TO " + Sql.literal(file) + " (FORMAT parquet)", "writing " + file);
            }
            OddFooter.shortenDeprecatedMaximum(odd, 1000);
            assertThatThrownBy(() -> session.metadata("SELECT * FROM parquet_metadata(" + Sql.literal(odd) + ")",
                    "reading the odd footer", result -> result.next())).hasMessageContaining("stats size");
            assertThat(session.execute("SELECT count(*) FROM read_parquet(" + Sql.literal(odd) + ") WHERE id > 500",
                    "reading the odd file")).as("DuckDB's reader reads the file").isEqualTo(500);

            Map<String, Path> files = new LinkedHashMap<>();
            files.put("odd", odd);
            files.put("plain", plain);
            Map<String, Map<String, Long>> counts = ParquetFooters.nullCounts(session, files);

            assertThat(counts).containsOnlyKeys("plain");
            assertThat(counts.get("plain")).containsEntry("id", 0L).containsEntry("note", 333L);
            assertThat(ParquetFooters.nullCounts(session, Map.of("odd", odd))).isEmpty();
        }
    }

    @Test
    void aContractRunOverAFooterDuckDbCannotReadCountsAsTheScanDoes(@TempDir Path data) {
        Path csv = KitFixtures.write(data.resolve("s/orders.csv"), KitFixtures.badOrders());
        ProductDefinition kit = KitFixtures.orders(csv, KitFixtures.ORDERS_SQL, TWO_TABLES);
        ProductDefinition twoTables = new ProductDefinition(kit.product(), kit.contracts(), List.of(
                kit.buildFiles().getFirst(), new BuildFile("order_emails", "SELECT order_id, customer_email FROM"
                        + " source.orders_csv", "kit-orders/build/order_emails.sql")), kit.settings());
        SnapshotId candidate;
        try (Engine engine = engine(data, "true")) {
            candidate = engine.build(BuildRequest.of(twoTables, List.of()), null).port(ORDERS).orElseThrow().snapshot();
            Path orders = ((DuckDbEngine) engine).warehouse().snapshotDirectory(ORDERS, candidate).resolve("orders.parquet");
            OddFooter.shortenDeprecatedMaximum(orders, 12);
        }
        CheckRequest request = new CheckRequest(null, ORDERS, KitFixtures.contract(TWO_TABLES), candidate, null);

        CheckRun fromFooters = check(data, "true", request);
        CheckRun fromScans = check(data, "false", request);

        assertSameResults(fromFooters, fromScans);
        assertThat(fromFooters.result("orders.customer_email:required").orElseThrow().value()).isEqualTo(1L);
        assertThat(fromFooters.result("order_emails.customer_email:required").orElseThrow().value()).isEqualTo(1L);
        assertThat(fromFooters.result("orders.order_id:required").orElseThrow().value()).isEqualTo(0L);
    }

    private static void assertSameResults(CheckRun actual, CheckRun expected) {
        assertThat(actual.results()).hasSameSizeAs(expected.results());
        for (CheckResult result : expected.results()) {
            CheckResult other = actual.result(result.ruleId()).orElseThrow();
            assertThat(other.outcome()).as(result.ruleId()).isEqualTo(result.outcome());
            assertThat(other.value()).as(result.ruleId()).isEqualTo(result.value());
        }
    }

    private static CheckRun check(Path data, String statistics, CheckRequest request) {
        try (Engine engine = engine(data, statistics)) {
            return engine.check(request, null);
        }
    }

    private static Engine engine(Path data, String statistics) {
        return new DuckDbEngineFactory().create(EngineConfig.empty().with("parquet-statistics", statistics),
                EngineContext.of(data));
    }

    private static CheckRun badBuild(Path data, String statistics) {
        Path csv = KitFixtures.write(data.resolve("s/orders.csv"), KitFixtures.badOrders());
        try (Engine engine = engine(data, statistics)) {
            return engine.build(KitFixtures.buildOrders(csv), null).port(ORDERS).orElseThrow().checks();
        }
    }
}
