package io.polder.gateway;

import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Two published tables written with DuckDB, and the grants the tests hold on them:
 * <ul>
 * <li>{@code "customer-profiles/customers".customers}: 100 customers, odd ids in BE and even ids in NL; the
 *     grant's row filter shows NL only; email hashed, phone partial, first_name redacted, date_of_birth
 *     null. Customer 7 (BE, hidden) is {@code secret7@hidden.example}.</li>
 * <li>{@code "sales-orders/orders".orders}: 300 orders of those customers, no masks, no filter.</li>
 * </ul>
 */
final class GatewayFixture {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final byte[] KEY = "a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8);
    static final PortRef CUSTOMERS_PORT = new PortRef("customer-profiles", "customers", 2);
    static final PortRef ORDERS_PORT = new PortRef("sales-orders", "orders", 1);
    static final PortRef SECRET_PORT = new PortRef("finance-ledger", "entries", 1);
    static final RelationName CUSTOMERS = RelationName.current(CUSTOMERS_PORT, "customers");
    static final RelationName ORDERS = RelationName.current(ORDERS_PORT, "orders");
    /** Not a plain comparison, so DuckDB cannot apply it inside the scan: the case where predicate order matters. */
    static final String ROW_FILTER = "regexp_full_match(country_code, 'N[L]') AND length(email) > 3";
    static final SnapshotId SNAPSHOT = SnapshotId.parse("20260601T100000000Z-abcdef");

    final Path customersFile;
    final Path ordersFile;
    final Path secretFile;

    GatewayFixture(Path directory) throws SQLException {
        customersFile = directory.resolve("customers.parquet");
        ordersFile = directory.resolve("orders.parquet");
        secretFile = directory.resolve("entries.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT i::BIGINT AS customer_id,"
                    + " CASE WHEN i = 7 THEN 'secret7@hidden.example' ELSE 'user' || i || '@example.com' END AS email,"
                    + " CASE WHEN i % 10 = 0 THEN NULL ELSE '+3161234' || lpad(i::VARCHAR, 4, '0') END AS phone,"
                    + " 'Name' || i AS first_name, DATE '1980-03-15' + i::INTEGER AS date_of_birth,"
                    + " CASE WHEN i % 2 = 0 THEN 'NL' ELSE 'BE' END AS country_code,"
                    + " (i * 1.25)::DECIMAL(12,2) AS balance"
                    + " FROM range(1, 101) t(i)) TO '" + customersFile + "' (FORMAT parquet)");
            statement.execute("COPY (SELECT i::BIGINT AS order_id, (i % 100 + 1)::BIGINT AS customer_id,"
                    + " (i * 2.5)::DECIMAL(12,2) AS amount FROM range(1, 301) t(i)) TO '" + ordersFile + "' (FORMAT parquet)");
            statement.execute("COPY (SELECT 1 AS entry_id, 'top secret' AS memo) TO '" + secretFile + "' (FORMAT parquet)");
        }
    }

    GrantedRelation customers(RowFilter filter, Instant expiresAt) {
        return new GrantedRelation(CUSTOMERS, CUSTOMERS_PORT, SNAPSHOT, customersFile.toString(), List.of(
                new GrantedColumn("customer_id", "BIGINT", ColumnMask.NONE),
                new GrantedColumn("email", "VARCHAR", ColumnMask.HASH),
                new GrantedColumn("phone", "VARCHAR", ColumnMask.PARTIAL),
                new GrantedColumn("first_name", "VARCHAR", ColumnMask.REDACT),
                new GrantedColumn("date_of_birth", "DATE", ColumnMask.NULL),
                new GrantedColumn("country_code", "VARCHAR", ColumnMask.NONE),
                new GrantedColumn("balance", "DECIMAL(12,2)", ColumnMask.NONE)), filter, expiresAt, "grant-customers");
    }

    /** The customers with the row filter but no mask: plain columns leave DuckDB the most room to reorder. */
    AccessView filteredOnly() {
        GrantedRelation masked = customers(new RowFilter(ROW_FILTER), null);
        return AccessView.of("analyst@acme.example", List.of(new GrantedRelation(CUSTOMERS, CUSTOMERS_PORT, SNAPSHOT,
                masked.location(), masked.columns().stream().map(column -> new GrantedColumn(column.name(), column.type(),
                ColumnMask.NONE)).toList(), masked.rowFilter(), null, "grant-filtered"), orders()));
    }

    GrantedRelation orders() {
        return new GrantedRelation(ORDERS, ORDERS_PORT, SNAPSHOT, ordersFile.toString(), List.of(
                new GrantedColumn("order_id", "BIGINT", ColumnMask.NONE),
                new GrantedColumn("customer_id", "BIGINT", ColumnMask.NONE),
                new GrantedColumn("amount", "DECIMAL(12,2)", ColumnMask.NONE)), null, null, "grant-orders");
    }

    /** The analyst's view: customers (NL only, masked) and orders; a revoked grant on the ledger. */
    AccessView analyst() {
        List<GrantedRelation> relations = new ArrayList<>();
        GrantedRelation customers = customers(new RowFilter(ROW_FILTER), NOW.plus(Duration.ofDays(30)));
        relations.add(customers);
        relations.add(customers.named(RelationName.versioned(CUSTOMERS_PORT, "customers")));
        relations.add(orders());
        return AccessView.of("analyst@acme.example", relations, List.of(
                new LapsedGrant("finance-ledger/entries", LapsedGrant.Reason.REVOKED, NOW.minus(Duration.ofDays(1)))));
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static GatewaySettings settings(Path temp) {
        return new GatewaySettings(GatewaySettings.DEFAULT_MAX_SQL_LENGTH, 10_000, Duration.ofMinutes(1), "1GB", 2,
                temp, "1GB", KEY);
    }

    static QueryRequest request(String sql) {
        return new QueryRequest(sql, "analyst@acme.example", 1000, Duration.ofSeconds(30));
    }
}
