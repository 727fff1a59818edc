package io.polder.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A SQLite file in a fresh temporary directory. {@link #migrated()} starts as a copy of the store this JVM
 * migrated once ({@link MigratedStores}); {@link #empty()} has no file yet, for the tests of the migrations
 * themselves.
 */
final class SqliteTestDatabase implements TestDatabase {
    private static final String FILE = "polder.db";

    private final boolean fromTemplate;
    private Path directory;

    private SqliteTestDatabase(boolean fromTemplate) {
        this.fromTemplate = fromTemplate;
    }

    /** A copy of a store migrated to the current schema. */
    static SqliteTestDatabase migrated() {
        return new SqliteTestDatabase(true);
    }

    /** No file yet: opening the registry creates it and runs every migration. */
    static SqliteTestDatabase empty() {
        return new SqliteTestDatabase(false);
    }

    @Override
    public String create() {
        try {
            directory = Files.createTempDirectory("polder-registry-test");
            if (fromTemplate) {
                MigratedStores.copySqlite(directory.resolve(FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "jdbc:sqlite:" + directory.resolve(FILE);
    }

    Path directory() {
        return directory;
    }

    @Override
    public void drop() {
        delete(directory);
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
