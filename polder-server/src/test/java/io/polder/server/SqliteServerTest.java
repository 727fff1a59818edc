package io.polder.server;

import org.junit.jupiter.api.Nested;

/** The server suites that depend on the database, on the embedded SQLite file. */
class SqliteServerTest {
    @Nested
    class Concurrency extends ConcurrentApplyTests {
        @Override
        TestDatabase database() {
            return TestDatabase.sqlite();
        }
    }

    @Nested
    class ReplicaBuilds extends ReplicaBuildTests {
        @Override
        TestDatabase database() {
            return TestDatabase.sqlite();
        }
    }

    @Nested
    class Crash extends CrashTests {
        @Override
        TestDatabase database() {
            return TestDatabase.sqlite();
        }
    }
}
