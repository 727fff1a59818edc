package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's data is deterministic: the same seed, size and time give the same files. */
class ExampleMeshDataTest {
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    @Test
    void theSameOptionsGiveTheSameData(@TempDir Path first, @TempDir Path second, @TempDir Path other) throws Exception {
        DemoOptions options = new DemoOptions(7, 2_000, 1_500, NOW);
        Map<String, Long> written = ExampleMeshData.generate(first, options);
        ExampleMeshData.generate(second, options);
        ExampleMeshData.generate(other, new DemoOptions(8, 2_000, 1_500, NOW));

        assertThat(written).containsEntry("sales-orders/orders_export.parquet", 2_000L)
                .containsEntry("customer-profiles/crm_customers.csv", 1_500L);
        assertThat(written.get("sales-orders/order_lines_export.parquet")).isBetween(3_500L, 5_500L);
        for (String file : written.keySet()) {
            assertThat(fingerprint(first.resolve(file))).as(file).isEqualTo(fingerprint(second.resolve(file)));
        }
        assertThat(fingerprint(first.resolve("sales-orders/orders_export.parquet")))
                .isNotEqualTo(fingerprint(other.resolve("sales-orders/orders_export.parquet")));
        assertThat(Files.readString(first.resolve("customer-profiles/crm_customers.csv")))
                .isEqualTo(Files.readString(second.resolve("customer-profiles/crm_customers.csv")));
    }

    @Test
    void defaultsToAMillionOrdersAndEnoughCustomers() {
        DemoOptions options = DemoOptions.of(DemoOptions.DEFAULT_ORDERS, NOW);

        assertThat(options.orders()).isEqualTo(1_000_000);
        assertThat(options.customers()).isEqualTo(125_000);
        assertThat(DemoOptions.of(20_000, NOW).customers()).isEqualTo(DemoOptions.MINIMUM_CUSTOMERS);
        assertThatThrownBy(() -> DemoOptions.of(10, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A hash of every row of a file, in order. */
    private static String fingerprint(Path file) throws Exception {
        String name = file.getFileName().toString();
        String reader = name.endsWith(".parquet") ? "read_parquet" : name.endsWith(".json") ? "read_json" : "read_csv";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT md5(string_agg(CAST(t AS VARCHAR), '|')) FROM "
                     + reader + "(" + Sql.literal(file) + ") AS t")) {
            result.next();
            return result.getString(1);
        }
    }
}
