package io.polder.registry;

import org.junit.jupiter.api.Nested;

/** Every registry suite on PostgreSQL, each test in a database of its own (see PostgresTestDatabase). */
class PostgresRegistryTest {
    @Nested
    class Store extends StoreTests {
        /** Empty: these tests check what the migrations make. */
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.empty();
        }
    }

    @Nested
    class Tokens extends TokenTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Audit extends AuditTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Catalog extends CatalogTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Apply extends ApplyTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class CatalogChanges extends CatalogChangesTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Lifecycle extends LifecycleTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Concurrency extends io.polder.registry.apply.ConcurrentApplyTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Governance extends GovernanceTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class ComplianceCache extends ComplianceCacheTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Runs extends io.polder.registry.runs.RunTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class ReplicaRuns extends io.polder.registry.runs.ReplicaRunTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Access extends io.polder.registry.access.AccessTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class ProductAccess extends io.polder.registry.access.ProductAccessTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class PortGrants extends io.polder.registry.access.PortGrantsTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class PendingRequests extends io.polder.registry.access.PendingRequestTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }

    @Nested
    class Usage extends io.polder.registry.usage.UsageTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return PostgresTestDatabase.migrated();
        }
    }
}
