package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.engine.duckdb.DuckDbEngineFactory;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.PublishedRelation;
import io.polder.spi.build.BuildResult;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway over what the DuckDB engine really publishes: the kit's orders product is built, checked and
 * published; its published table becomes a granted relation with masks from its contract's classifications.
 */
class PublishedSnapshotQueryTest {
    @TempDir
    Path directory;

    @Test
    void aPublishedSnapshotIsQueriedMaskedAndFiltered() {
        Path csv = KitFixtures.write(directory.resolve("sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        try (Engine engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(directory.resolve("data")));
             QueryGateway gateway = new QueryGateway(GatewayFixture.settings(directory.resolve("temp")), Clock.systemUTC(),
                     decision -> { })) {
            BuildResult build = engine.build(KitFixtures.buildOrders(csv), null);
            assertThat(build.succeeded()).as("%s", build.failure()).isTrue();
            PublishedRelation published = engine.describe(KitFixtures.ORDERS, "orders");
            Map<String, ColumnMask> masks = MaskPolicy.defaults().masks(
                    KitFixtures.contract(KitFixtures.ORDERS_CONTRACT).schema().getFirst(), Set.of());
            assertThat(masks).containsExactly(Map.entry("customer_email", ColumnMask.HASH));
            List<GrantedRelation> relations = RelationName.of(KitFixtures.ORDERS, "orders", true).stream()
                    .map(name -> GrantedRelation.of(name, published, masks, new RowFilter("status = 'paid'"), null, "g-1"))
                    .toList();
            AccessView access = AccessView.of("analyst@acme.example", relations);

            RowCollector rows = new RowCollector();
            QueryResult result = gateway.execute(GatewayFixture.request("SELECT order_id, customer_email, amount FROM"
                    + " \"kit-orders/orders\".orders ORDER BY order_id"), access, rows);

            assertThat(rows.column("order_id")).containsExactly(1L, 2L, 4L, 6L, 8L, 9L);
            assertThat(rows.column("customer_email")).allSatisfy(email -> assertThat((String) email).matches("[0-9a-f]{64}"));
            assertThat(result.decision().relations().getFirst().snapshot()).isEqualTo(published.snapshot().value());
            RowCollector versioned = new RowCollector();
            gateway.execute(GatewayFixture.request("SELECT sum(amount) FROM \"kit-orders/orders/v1\".orders"), access, versioned);
            assertThat(versioned.rows().getFirst().getFirst()).hasToString("151.24");
        }
    }
}
