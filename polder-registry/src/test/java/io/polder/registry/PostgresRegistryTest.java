package io.polder.registry;

import org.junit.jupiter.api.Nested;

/** Every registry suite on PostgreSQL, each test in a fresh schema (see PostgresTestDatabase). */
class PostgresRegistryTest {
    @Nested
    class Store extends StoreTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Tokens extends TokenTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Audit extends AuditTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }
}
