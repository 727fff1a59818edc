package io.polder.registry;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh schema in the PostgreSQL database named by {@code POLDER_TEST_POSTGRES_URL}. Without that
 * variable the test is skipped, except under CI ({@code CI=true}), where a missing database is a failure.
 */
final class PostgresTestDatabase implements TestDatabase {
    static final String URL_VARIABLE = "POLDER_TEST_POSTGRES_URL";
    private static final SecureRandom RANDOM = new SecureRandom();

    private String baseUrl;
    private String schema;

    @Override
    public String create() {
        baseUrl = baseUrl();
        schema = "test_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        execute("CREATE SCHEMA " + schema);
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void drop() {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    static String baseUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(URL_VARIABLE + " is not set; under CI the PostgreSQL tests must run (.ci/run starts a PostgreSQL)");
            }
            abort(URL_VARIABLE + " is not set (e.g. jdbc:postgresql://127.0.0.1:55432/polder_test?user=postgres);"
                    + " skipping the PostgreSQL tests");
        }
        return url;
    }

    /** Runs one of this class's own statements; the schema name is generated, never taken from input. */
    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(baseUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL: " + e.getMessage(), e);
        }
    }
}
