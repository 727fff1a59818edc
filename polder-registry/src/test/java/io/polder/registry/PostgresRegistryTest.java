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

    @Nested
    class Catalog extends CatalogTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Apply extends ApplyTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class CatalogChanges extends CatalogChangesTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Lifecycle extends LifecycleTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Concurrency extends io.polder.registry.apply.ConcurrentApplyTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Governance extends GovernanceTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class ComplianceCache extends ComplianceCacheTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Runs extends io.polder.registry.runs.RunTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class ReplicaRuns extends io.polder.registry.runs.ReplicaRunTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Access extends io.polder.registry.access.AccessTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class ProductAccess extends io.polder.registry.access.ProductAccessTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class PortGrants extends io.polder.registry.access.PortGrantsTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class PendingRequests extends io.polder.registry.access.PendingRequestTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }

    @Nested
    class Usage extends io.polder.registry.usage.UsageTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new PostgresTestDatabase();
        }
    }
}
