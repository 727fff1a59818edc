package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The types a contract names are asked of DuckDB once per engine; a name that named nothing is asked again. */
class DuckDbTypesTest {
    @TempDir
    Path data;

    @Test
    void typesFoundAreKeptAcrossSessionsAndNoAnswerIsKept() {
        Map<String, String> kept = new ConcurrentHashMap<>();
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1))) {
            DuckDbSession first = open(guard, "first");
            DuckDbTypes types = new DuckDbTypes(first, kept);
            assertThat(types.resolve("varchar(100)")).isEqualTo("VARCHAR");
            assertThat(types.resolve(" Timestamp With Time Zone ")).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(types.resolve("no_such_type")).isNull();
            assertThat(types.resolve("integer; DROP TABLE x")).isNull();
            first.close();

            // a session that can no longer answer: what was found before still resolves, nothing else does
            DuckDbTypes closed = new DuckDbTypes(first, kept);
            assertThat(closed.resolve("VARCHAR(100)")).isEqualTo("VARCHAR");
            assertThat(closed.resolve("integer")).isNull();
            assertThat(kept).containsOnlyKeys("varchar(100)", "timestamp with time zone");

            try (DuckDbSession second = open(guard, "second")) {
                assertThat(new DuckDbTypes(second, kept).resolve("integer")).as("asked again").isEqualTo("INTEGER");
            }
        }
    }

    private DuckDbSession open(QueryGuard guard, String name) {
        return DuckDbSession.open(DuckDbSettings.of(EngineConfig.empty(), EngineContext.of(data)), guard,
                data.resolve("tmp").resolve(name));
    }
}
