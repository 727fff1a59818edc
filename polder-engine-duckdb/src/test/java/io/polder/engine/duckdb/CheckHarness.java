package io.polder.engine.duckdb;

import io.polder.engine.duckdb.check.CheckContext;
import io.polder.engine.duckdb.check.ColumnStatistics;
import io.polder.engine.duckdb.check.ContractChecker;
import io.polder.engine.duckdb.check.TypeResolver;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.PortRef;
import io.polder.spi.ProgressListener;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.SnapshotId;
import io.polder.spi.check.CheckRun;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A locked-down session with tables made by SQL, to run contracts against directly. */
final class CheckHarness implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private final QueryGuard guard = new QueryGuard(Duration.ofMinutes(2));
    private final DuckDbSession session;

    CheckHarness(Path directory) {
        DuckDbSettings settings = DuckDbSettings.of(EngineConfig.empty(), EngineContext.of(directory));
        session = DuckDbSession.open(settings, guard, directory.resolve("tmp"));
    }

    CheckHarness table(String name, String select) {
        session.execute("CREATE TABLE " + Sql.identifier(name) + " AS " + select, "creating " + name);
        return this;
    }

    CheckHarness lockDown() {
        session.lockDown(java.util.List.of(), java.util.List.of());
        return this;
    }

    CheckRun run(String contractYaml) {
        return run(contractYaml, RetentionPolicy.none());
    }

    CheckRun run(String contractYaml, RetentionPolicy retention) {
        CheckContext context = new CheckContext("run", SnapshotId.parse("20250615T120000000Z-abcdef"), NOW, retention, 5,
                ProgressListener.NONE);
        return new ContractChecker(session, context, TypeResolver.using(new DuckDbTypes(session)), ColumnStatistics.none())
                .run(new PortRef("p", "port", 1), KitFixtures.contract(contractYaml));
    }

    DuckDbSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        guard.close();
    }
}
