package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.exceptions.BuildInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions opened ahead are as fresh and as locked down as sessions opened for the run: a new database each
 * time, which nothing a run did before reaches, locked in one round trip that the run's SQL cannot undo.
 */
class SessionOpenerTest {
    @TempDir
    Path data;

    private SessionOpener opener(QueryGuard guard, boolean ahead) {
        return new SessionOpener(DuckDbSettings.of(EngineConfig.empty(), EngineContext.of(data)), guard, ahead);
    }

    @Test
    void everySessionIsANewDatabaseThatNoRunHasUsed() throws Exception {
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1)); SessionOpener opener = opener(guard, true)) {
            for (int run = 0; run < 3; run++) {
                try (DuckDbSession session = opener.open()) {
                    assertThat(session.scalar("SELECT count(*) FROM duckdb_tables() WHERE NOT internal")).isEqualTo("0");
                    assertThat(session.scalar("SELECT count(*) FROM duckdb_views() WHERE NOT internal")).isEqualTo("0");
                    assertThat(session.scalar("SELECT current_setting('lock_configuration')")).isEqualTo("false");
                    assertThat(session.scalar("SELECT current_setting('enable_external_access')")).isEqualTo("true");
                    assertThat(session.scalar("SELECT current_setting('TimeZone')")).isEqualTo("UTC");
                    session.execute("CREATE TABLE left_behind AS SELECT 42 AS secret", "leaving a table behind");
                    session.execute("CREATE MACRO left_behind_macro() AS 42", "leaving a macro behind");
                    session.lockDown(List.of(), List.of());
                }
            }
        }
    }

    @Test
    void aSessionOpenedAheadIsLockedDownToTheRunsFilesAndStaysSo() throws Exception {
        Path mine = parquet("mine.parquet");
        Path other = parquet("other.parquet");
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1)); SessionOpener opener = opener(guard, true)) {
            opener.open().close(); // the second session is the one opened ahead
            try (DuckDbSession session = opener.open()) {
                session.execute("CREATE VIEW mine AS SELECT * FROM read_parquet(" + Sql.literal(mine) + ")", "a view");
                session.lockDown(List.of(mine), List.of());

                assertThat(session.scalar("SELECT current_setting('enable_external_access')")).isEqualTo("false");
                assertThat(session.scalar("SELECT current_setting('lock_configuration')")).isEqualTo("true");
                assertThat(session.scalar("SELECT count(*) FROM mine")).isEqualTo("3");
                for (String sql : List.of("SET enable_external_access = true", "SET lock_configuration = false",
                        "RESET lock_configuration", "SET allowed_paths = [" + Sql.literal(other) + "]",
                        "SET allowed_directories = ['/']", "SET autoload_known_extensions = true",
                        "SELECT * FROM read_parquet(" + Sql.literal(other) + ")", "INSTALL httpfs", "LOAD httpfs",
                        "ATTACH " + Sql.literal(data.resolve("other.duckdb")))) {
                    assertThatThrownBy(() -> session.execute(sql, "probing")).as(sql).isInstanceOf(RuntimeException.class);
                }
                assertThat(session.scalar("SELECT current_setting('enable_external_access')")).isEqualTo("false");
                assertThat(session.scalar("SELECT current_setting('allowed_paths')")).doesNotContain("other.parquet");
            }
        }
    }

    @Test
    void closingTheEngineClosesTheSessionOpenedAheadAndItsTemporaryFolder() throws Exception {
        SessionOpener opener;
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1))) {
            opener = opener(guard, true);
            opener.open().close();
            opener.close();
            assertThatThrownBy(opener::open).isInstanceOf(BuildInterruptedException.class);
        }
        try (Stream<Path> left = Files.list(data.resolve("tmp"))) {
            assertThat(left).as("temporary folders of sessions").isEmpty();
        }
    }

    @Test
    void withoutOpeningAheadEachSessionIsOpenedWhenAsked() throws Exception {
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1)); SessionOpener opener = opener(guard, false)) {
            try (DuckDbSession session = opener.open()) {
                assertThat(session.scalar("SELECT 1")).isEqualTo("1");
            }
            try (Stream<Path> left = Files.list(data.resolve("tmp"))) {
                assertThat(left).as("nothing opened ahead").isEmpty();
            }
        }
    }

    @Test
    void theFootersOfEveryTableAreReadAtOnce() throws Exception {
        Path orders = data.resolve("orders.parquet");
        Path lines = data.resolve("lines.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS id, CASE WHEN range % 3 = 0 THEN NULL ELSE 'x' END AS note,"
                    + " {'a': 1, 'b': NULL} AS nested FROM range(300000)) TO " + Sql.literal(orders)
                    + " (FORMAT parquet, ROW_GROUP_SIZE 100000)");
            statement.execute("COPY (SELECT NULL::INTEGER AS qty FROM range(5)) TO " + Sql.literal(lines) + " (FORMAT parquet)");
        }
        List<Map<String, Map<String, Long>>> counts = new ArrayList<>();
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1)); SessionOpener opener = opener(guard, false);
             DuckDbSession session = opener.open()) {
            session.lockDown(List.of(orders, lines), List.of());
            counts.add(ParquetFooters.nullCounts(session, Map.of("orders", orders, "lines", lines)));
            counts.add(ParquetFooters.nullCounts(session, Map.of("orders", orders, "gone", data.resolve("gone.parquet"))));
        }

        assertThat(counts.get(0)).isEqualTo(Map.of("orders", Map.of("id", 0L, "note", 100_000L), "lines", Map.of("qty", 5L)));
        assertThat(counts.get(1)).as("a footer that cannot be read leaves only its own table's nulls to the scan")
                .isEqualTo(Map.of("orders", Map.of("id", 0L, "note", 100_000L)));
    }

    private Path parquet(String name) throws Exception {
        Path file = data.resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS n FROM range(3)) TO " + Sql.literal(file) + " (FORMAT parquet)");
        }
        return file;
    }
}
