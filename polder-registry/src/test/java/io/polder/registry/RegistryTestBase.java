package io.polder.registry;

import io.polder.registry.auth.Principal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the suites that run on every database: each test gets a fresh store and a registry on it.
 * A subclass names the database in one line.
 */
public abstract class RegistryTestBase {
    protected static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    protected final MutableClock clock = new MutableClock(START);
    protected TestDatabase testDatabase;
    protected String jdbcUrl;
    protected Registry registry;

    protected abstract TestDatabase newTestDatabase();

    @BeforeEach
    protected void openRegistry() {
        testDatabase = newTestDatabase();
        jdbcUrl = testDatabase.create();
        registry = Registry.open(jdbcUrl, clock);
    }

    @AfterEach
    protected void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
        if (testDatabase != null) {
            testDatabase.drop();
        }
    }

    protected static Principal admin() {
        return Principal.platformAdmin("root-admin");
    }
}
