package io.polder.registry;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A fresh database in the PostgreSQL server named by {@code POLDER_TEST_POSTGRES_URL}. Without that variable
 * the test is skipped, except under CI ({@code CI=true}), where a missing database is a failure.
 *
 * <p>{@link #migrated()} copies the template database this JVM migrated once ({@link MigratedStores}), several
 * times faster than running every migration for every test. {@link #empty()} is an empty database, for the tests of
 * the migrations themselves.
 */
final class PostgresTestDatabase implements TestDatabase {
    static final String URL_VARIABLE = "POLDER_TEST_POSTGRES_URL";

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
        name = MigratedStores.createPostgres(baseUrl, "test_", fromTemplate);
        return MigratedStores.withDatabase(baseUrl, name);
    }

    @Override
    public void drop() {
        if (name != null) {
            MigratedStores.dropPostgres(baseUrl, name);
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
}
