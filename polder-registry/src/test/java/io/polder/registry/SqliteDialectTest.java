package io.polder.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only SQLite needs: the connection setup behind the crash-consistency and concurrency guarantees. */
class SqliteDialectTest {
    @TempDir
    Path directory;

    @Test
    void connectionsUseTheWriteAheadLogForeignKeysAndABusyTimeout() {
        Path file = directory.resolve("nested/data/polder.db");
        try (Database database = Database.open("jdbc:sqlite:" + file)) {
            assertThat(database.dialect().name()).isEqualTo("sqlite");
            assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(pragma(database, "busy_timeout"))).isGreaterThanOrEqualTo(10_000);
            assertThat(pragma(database, "synchronous")).isEqualTo("1");
        }
        assertThat(Files.isRegularFile(file)).as("the data directory is created").isTrue();
    }

    @Test
    void inMemoryDatabasesAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:"))
                .hasMessageContaining("not an in-memory database");
    }

    private static String pragma(Database database, String name) {
        return database.read(handle -> handle.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }
}
