package io.polder.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.polder.registry.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The registry database of a test server: the embedded SQLite file in the server's data directory, or a
 * database of its own in the PostgreSQL server named by {@code POLDER_TEST_POSTGRES_URL}. Without that
 * variable the PostgreSQL tests are skipped, except under CI ({@code CI=true}), where they fail.
 *
 * <p>Either starts as a copy of a store this JVM migrated once (the SQLite file copied into the data
 * directory; on PostgreSQL {@code CREATE DATABASE ... TEMPLATE}): running every migration for every server a
 * test starts costs more than many of the tests. The server opens the copy as it opens any store, and finds
 * it current. The migrations themselves are tested in polder-registry, on empty stores.
 */
interface TestDatabase {
    /** The JDBC URL for a server whose data directory is {@code dataDir}; null for the embedded SQLite file. */
    String create(Path dataDir);

    void drop();

    String name();

    static TestDatabase sqlite() {
        return new Sqlite();
    }

    static TestDatabase postgres() {
        return new Postgres();
    }

    /** A copy of a migrated store at {@code <dataDir>/polder.db}, where the server looks by default. */
    final class Sqlite implements TestDatabase {
        private static final String FILE = "polder.db";
        private static Path template;

        @Override
        public String create(Path dataDir) {
            try {
                Files.createDirectories(dataDir);
                Files.copy(template(), dataDir.resolve(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

        /** This JVM's migrated store, made on first use and deleted when the JVM ends. */
        private static synchronized Path template() throws IOException {
            if (template == null) {
                Path folder = Files.createTempDirectory("polder-server-test-template");
                Path file = folder.resolve(FILE);
                // closing checkpoints the write-ahead log into the file, so the one file is the whole store
                Database.open("jdbc:sqlite:" + file).close();
                Path wal = folder.resolve(FILE + "-wal");
                if (Files.exists(wal) && Files.size(wal) > 0) {
                    throw new IllegalStateException("the migrated template " + file + " kept a write-ahead log "
                            + wal + " after it was closed; a copy of the file alone would miss its last changes");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TestServer.deleteRecursively(folder),
                        "delete-server-test-template"));
                template = file;
            }
            return template;
        }
    }

    /** A database of its own per test, copied from a template; the names are generated, never taken from input. */
    final class Postgres implements TestDatabase {
        static final String URL_VARIABLE = "POLDER_TEST_POSTGRES_URL";
        private static final SecureRandom RANDOM = new SecureRandom();
        private static String template;
        private String baseUrl;
        private String name;

        @Override
        public String create(Path dataDir) {
            baseUrl = baseUrl();
            name = newName("server_test_");
            execute(baseUrl, "CREATE DATABASE " + name + " TEMPLATE " + template(baseUrl));
            return withDatabase(baseUrl, name);
        }

        @Override
        public void drop() {
            if (name != null) {
                // FORCE: a connection a failed test (or a killed server process) left open must not keep it alive
                execute(baseUrl, "DROP DATABASE " + name + " WITH (FORCE)");
                name = null;
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

        /** This JVM's migrated template database, made on first use and dropped when the JVM ends. */
        private static synchronized String template(String baseUrl) {
            if (template == null) {
                String made = newName("server_template_");
                execute(baseUrl, "CREATE DATABASE " + made);
                try {
                    Database.open(withDatabase(baseUrl, made)).close();
                } catch (RuntimeException e) {
                    execute(baseUrl, "DROP DATABASE " + made + " WITH (FORCE)");
                    throw e;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(baseUrl, "DROP DATABASE IF EXISTS "
                        + made + " WITH (FORCE)"), "drop-" + made));
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

        private static void execute(String url, String sql) {
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL: " + e.getMessage(),
                        e);
            }
        }
    }
}
