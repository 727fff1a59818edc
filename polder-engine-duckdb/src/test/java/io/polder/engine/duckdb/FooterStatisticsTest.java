package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Null counts from the snapshot's Parquet footers give the same verdicts as counting them in the scan. */
class FooterStatisticsTest {
    @Test
    void footersAndScansAgree(@TempDir Path withFooters, @TempDir Path withScans) {
        CheckRun fromFooters = badBuild(withFooters, "true");
        CheckRun fromScans = badBuild(withScans, "false");

        assertThat(fromFooters.results()).hasSameSizeAs(fromScans.results());
        for (CheckResult result : fromScans.results()) {
            CheckResult other = fromFooters.result(result.ruleId()).orElseThrow();
            assertThat(other.outcome()).as(result.ruleId()).isEqualTo(result.outcome());
            assertThat(other.value()).as(result.ruleId()).isEqualTo(result.value());
        }
        assertThat(fromFooters.result("orders.customer_email:required").orElseThrow().value()).isEqualTo(1L);
        assertThat(fromFooters.result("orders.customer_email:required").orElseThrow().failedRows().rows()).hasSize(1);
    }

    private static CheckRun badBuild(Path data, String statistics) {
        Path csv = KitFixtures.write(data.resolve("s/orders.csv"), KitFixtures.badOrders());
        try (Engine engine = new DuckDbEngineFactory().create(EngineConfig.empty().with("parquet-statistics", statistics),
                EngineContext.of(data))) {
            return engine.build(KitFixtures.buildOrders(csv), null).port(ORDERS).orElseThrow().checks();
        }
    }
}
