package io.polder.registry;

import io.polder.registry.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A SQLite file in a fresh temporary directory. {@link #migrated()} starts as a copy of a store this JVM
 * migrated once (running every migration for every test costs more than the test); {@link #empty()} has no
 * file yet, for the tests of the migrations themselves.
 */
final class SqliteTestDatabase implements TestDatabase {
    private static final String FILE = "polder.db";
    private static Path template;

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
                Files.copy(template(), directory.resolve(FILE));
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

    /** This JVM's migrated store, made on first use and deleted when the JVM ends. */
    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path folder = Files.createTempDirectory("polder-registry-template");
            Path file = folder.resolve(FILE);
            // closing checkpoints the write-ahead log into the file, so the one file is the whole store
            Database.open("jdbc:sqlite:" + file).close();
            Path wal = folder.resolve(FILE + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new IllegalStateException("the migrated template " + file + " kept a write-ahead log " + wal
                        + " after it was closed; a copy of the file alone would miss its last changes");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "delete-registry-template"));
            template = file;
        }
        return template;
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
