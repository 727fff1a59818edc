package io.polder.server;

import org.junit.jupiter.api.Nested;

/**
 * The server suites that depend on the database, on PostgreSQL ({@code POLDER_TEST_POSTGRES_URL}; skipped
 * without it, except under CI).
 */
class PostgresServerTest {
    @Nested
    class Concurrency extends ConcurrentApplyTests {
        @Override
        TestDatabase database() {
            return TestDatabase.postgres();
        }
    }

    @Nested
    class ReplicaBuilds extends ReplicaBuildTests {
        @Override
        TestDatabase database() {
            return TestDatabase.postgres();
        }
    }

    @Nested
    class Crash extends CrashTests {
        @Override
        TestDatabase database() {
            return TestDatabase.postgres();
        }
    }
}
