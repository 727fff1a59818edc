package io.polder.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A SQLite file in a fresh temporary directory. */
final class SqliteTestDatabase implements TestDatabase {
    private Path directory;

    @Override
    public String create() {
        try {
            directory = Files.createTempDirectory("polder-registry-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "jdbc:sqlite:" + directory.resolve("polder.db");
    }

    Path directory() {
        return directory;
    }

    @Override
    public void drop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
