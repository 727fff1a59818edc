package io.polder.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The engine benchmark's dataset: N rows of 20 columns (numbers, decimals, text, dates, timestamps,
 * booleans; two with nulls), written as Parquet by DuckDB from a deterministic function of the row number,
 * so the same N gives the same file.
 */
final class BenchDataset {
    static final String COLUMNS = "id, code, customer_id, channel, country, amount, tax, score, order_date, updated_at,"
            + " note, quantity, flag, email, status, ref, days, sku, pct, maybe";

    private BenchDataset() {
    }

    static void write(Path file, long rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS id,"
                    + " 'ORD-' || lpad(range::VARCHAR, 9, '0') AS code,"
                    + " (hash(range, 1) % 100000)::BIGINT AS customer_id,"
                    + " ['web', 'store', 'phone'][(hash(range, 2) % 3)::INTEGER + 1] AS channel,"
                    + " ['NL', 'BE', 'DE', 'FR', 'SE'][(hash(range, 3) % 5)::INTEGER + 1] AS country,"
                    + " ((hash(range, 4) % 100000) / 100.0)::DECIMAL(12,2) AS amount,"
                    + " ((hash(range, 5) % 10000) / 100.0)::DECIMAL(12,2) AS tax,"
                    + " (hash(range, 6) % 1000)::DOUBLE / 7 AS score,"
                    + " DATE '2020-01-01' + (hash(range, 7) % 2000)::INTEGER AS order_date,"
                    + " TIMESTAMP '2020-01-01' + to_seconds((hash(range, 8) % 100000000)::BIGINT) AS updated_at,"
                    + " CASE WHEN hash(range, 9) % 10 = 0 THEN NULL ELSE 'note ' || (hash(range, 9) % 1000)::VARCHAR END AS note,"
                    + " (hash(range, 10) % 50)::INTEGER + 1 AS quantity,"
                    + " hash(range, 11) % 2 = 0 AS flag,"
                    + " 'user' || (hash(range, 12) % 100000)::VARCHAR || '@example.com' AS email,"
                    + " ['a', 'b', 'c', 'd'][(hash(range, 13) % 4)::INTEGER + 1] AS status,"
                    + " (hash(range, 14) % 1000000)::BIGINT AS ref,"
                    + " (hash(range, 15) % 365)::INTEGER AS days,"
                    + " 'SKU-' || lpad((hash(range, 16) % 10000000)::VARCHAR, 7, '0') AS sku,"
                    + " (hash(range, 17) % 100)::DOUBLE AS pct,"
                    + " CASE WHEN hash(range, 18) % 20 = 0 THEN NULL ELSE (hash(range, 18) % 500)::BIGINT END AS maybe"
                    + " FROM range(" + rows + ")) TO '" + file.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT parquet)");
        }
    }
}
