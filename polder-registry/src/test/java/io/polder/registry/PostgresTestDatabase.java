package io.polder.registry;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.polder.registry.store.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh database in the PostgreSQL server named by {@code POLDER_TEST_POSTGRES_URL}. Without that variable
 * the test is skipped, except under CI ({@code CI=true}), where a missing database is a failure.
 *
 * <p>{@link #migrated()} copies a template database that this JVM migrated once (PostgreSQL's
 * {@code CREATE DATABASE ... TEMPLATE}), which is several times faster than running every migration for every
 * test; the copy is the very store Flyway made, history table included. {@link #empty()} is an empty database,
 * for the tests of the migrations themselves.
 */
final class PostgresTestDatabase implements TestDatabase {
    static final String URL_VARIABLE = "POLDER_TEST_POSTGRES_URL";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static String template;

    private final boolean fromTemplate;
    private String baseUrl;
    private String name;

    private PostgresTestDatabase(boolean fromTemplate) {
        this.fromTemplate = fromTemplate;
    }

    /** A copy of a store migrated to the current schema. */
    static PostgresTestDatabase migrated() {
        return new PostgresTestDatabase(true);
    }

    /** An empty database: opening the registry on it runs every migration. */
    static PostgresTestDatabase empty() {
        return new PostgresTestDatabase(false);
    }

    @Override
    public String create() {
        baseUrl = baseUrl();
        name = newName("test_");
        execute(baseUrl, "CREATE DATABASE " + name + (fromTemplate ? " TEMPLATE " + template(baseUrl) : ""));
        return withDatabase(baseUrl, name);
    }

    @Override
    public void drop() {
        if (name != null) {
            // FORCE: a connection a failed test left open must not keep its database alive
            execute(baseUrl, "DROP DATABASE " + name + " WITH (FORCE)");
            name = null;
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

    /** This JVM's migrated template database, made on first use and dropped when the JVM ends. */
    private static synchronized String template(String baseUrl) {
        if (template == null) {
            String made = newName("template_");
            execute(baseUrl, "CREATE DATABASE " + made);
            try {
                Database.open(withDatabase(baseUrl, made)).close();
            } catch (RuntimeException e) {
                execute(baseUrl, "DROP DATABASE " + made + " WITH (FORCE)");
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(baseUrl, "DROP DATABASE IF EXISTS " + made
                    + " WITH (FORCE)"), "drop-" + made));
            template = made;
        }
        return template;
    }

    private static String newName(String prefix) {
        return "polder_" + prefix + HexFormat.of().formatHex(RANDOM.generateSeed(6));
    }

    /** {@code url} (jdbc:postgresql://host:port/database?parameters) naming {@code database} instead. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        int slash = path.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new IllegalStateException(URL_VARIABLE + " names no database; it needs"
                    + " jdbc:postgresql://HOST:PORT/DATABASE");
        }
        return path.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** Runs one of this class's own statements; the database names are generated, never taken from input. */
    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL: " + e.getMessage(), e);
        }
    }
}
