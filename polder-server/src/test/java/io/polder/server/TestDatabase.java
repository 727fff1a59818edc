package io.polder.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The registry database of a test server: the embedded SQLite file in the server's data directory, or a
 * fresh schema in the PostgreSQL named by {@code POLDER_TEST_POSTGRES_URL}. Without that variable the
 * PostgreSQL tests are skipped, except under CI ({@code CI=true}), where they fail.
 */
interface TestDatabase {
    /** The JDBC URL for a server whose data directory is {@code dataDir}; null for the embedded SQLite file. */
    String create(Path dataDir);

    void drop();

    String name();

    static TestDatabase sqlite() {
        return new TestDatabase() {
            @Override
            public String create(Path dataDir) {
                return null;
            }

            @Override
            public void drop() {
                // the file goes with the data directory
            }

            @Override
            public String name() {
                return "sqlite";
            }
        };
    }

    static TestDatabase postgres() {
        return new Postgres();
    }

    /** A fresh schema per test; its name is generated, never taken from input. */
    final class Postgres implements TestDatabase {
        static final String URL_VARIABLE = "POLDER_TEST_POSTGRES_URL";
        private static final SecureRandom RANDOM = new SecureRandom();
        private String baseUrl;
        private String schema;

        @Override
        public String create(Path dataDir) {
            baseUrl = baseUrl();
            schema = "server_test_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
            execute("CREATE SCHEMA " + schema);
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public void drop() {
            if (schema != null) {
                execute("DROP SCHEMA " + schema + " CASCADE");
                schema = null;
            }
        }

        @Override
        public String name() {
            return "postgresql";
        }

        static String baseUrl() {
            String url = System.getenv(URL_VARIABLE);
            if (url == null || url.isBlank()) {
                if ("true".equals(System.getenv("CI"))) {
                    fail(URL_VARIABLE + " is not set; under CI the PostgreSQL tests must run");
                }
                abort(URL_VARIABLE + " is not set; skipping the PostgreSQL tests");
            }
            return url;
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(baseUrl);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL: " + e.getMessage(), e);
            }
        }
    }
}
