package io.polder.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.polder.registry.MigratedStores;
import java.nio.file.Path;

/**
 * The registry database of a test server: the embedded SQLite file in the server's data directory, or a
 * database of its own in the PostgreSQL server named by {@code POLDER_TEST_POSTGRES_URL}. Without that
 * variable the PostgreSQL tests are skipped, except under CI ({@code CI=true}), where they fail.
 *
 * <p>Either starts as a copy of the store this JVM migrated once ({@link MigratedStores}: the SQLite file copied
 * into the data directory; on PostgreSQL a database made from a template). The server opens the copy as it opens
 * any store, and finds it current. The migrations themselves are tested in polder-registry, on empty stores.
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
        @Override
        public String create(Path dataDir) {
            MigratedStores.copySqlite(dataDir.resolve("polder.db"));
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
    }

    /** A database of its own per test, copied from a template; the names are generated, never taken from input. */
    final class Postgres implements TestDatabase {
        static final String URL_VARIABLE = "POLDER_TEST_POSTGRES_URL";
        private String baseUrl;
        private String name;

        @Override
        public String create(Path dataDir) {
            baseUrl = baseUrl();
            name = MigratedStores.createPostgres(baseUrl, "server_test_", true);
            return MigratedStores.withDatabase(baseUrl, name);
        }

        @Override
        public void drop() {
            if (name != null) {
                MigratedStores.dropPostgres(baseUrl, name);
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
    }
}
