package io.polder.registry;

import org.junit.jupiter.api.Nested;

/** Every registry suite on SQLite, in a temporary file. */
class SqliteRegistryTest {
    @Nested
    class Store extends StoreTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Tokens extends TokenTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Audit extends AuditTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Catalog extends CatalogTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Apply extends ApplyTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class CatalogChanges extends CatalogChangesTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Lifecycle extends LifecycleTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Concurrency extends io.polder.registry.apply.ConcurrentApplyTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Governance extends GovernanceTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class ComplianceCache extends ComplianceCacheTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Runs extends io.polder.registry.runs.RunTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class ReplicaRuns extends io.polder.registry.runs.ReplicaRunTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Access extends io.polder.registry.access.AccessTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class ProductAccess extends io.polder.registry.access.ProductAccessTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class PortGrants extends io.polder.registry.access.PortGrantsTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class PendingRequests extends io.polder.registry.access.PendingRequestTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }

    @Nested
    class Usage extends io.polder.registry.usage.UsageTests {
        @Override
        protected TestDatabase newTestDatabase() {
            return new SqliteTestDatabase();
        }
    }
}
