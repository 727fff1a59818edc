package io.polder.engine.duckdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The folders where DuckDB spills what does not fit in memory ({@code DATA/tmp/RUN}), one per session. A
 * session holds a lock on its folder's {@value #LOCK} while it is open; the operating system drops the lock
 * when the process dies, so a folder nobody holds is what a killed build left (up to temp-directory-limit of
 * spilled data), and {@link #clearAbandoned} deletes it.
 */
final class TemporaryDirectories {
    static final String LOCK = ".in-use";
    /**
     * The folders this process holds. A file lock belongs to the process, and closing any channel of the file
     * may release it, so a folder this process holds is never opened by {@link #clearAbandoned} at all.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private TemporaryDirectories() {
    }

    /** Creates {@code directory} and holds it until the answer is closed, which deletes it. */
    static Held hold(Path directory) {
        Path normalized = directory.toAbsolutePath().normalize();
        if (!HELD.add(normalized)) {
            throw new IllegalStateException("the temporary folder " + normalized + " is in use");
        }
        try {
            Files.createDirectories(normalized);
            FileChannel channel = FileChannel.open(normalized.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new Held(normalized, channel, channel.lock());
        } catch (IOException e) {
            HELD.remove(normalized);
            throw Warehouse.storageError("creating the temporary folder " + normalized, e);
        }
    }

    /** Deletes the folders under {@code root} that no open session holds; answers how many. */
    static int clearAbandoned(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(root)) {
            folders = entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw Warehouse.storageError("listing " + root, e);
        }
        int cleared = 0;
        for (Path folder : folders) {
            if (clearIfAbandoned(folder)) {
                cleared++;
            }
        }
        return cleared;
    }

    private static boolean clearIfAbandoned(Path folder) {
        if (HELD.contains(folder.toAbsolutePath().normalize())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = Warehouse.tryLock(channel);
            if (lock == null) {
                return false;
            }
            try {
                Warehouse.deleteQuietly(folder);
            } finally {
                lock.release();
            }
            return true;
        } catch (IOException e) {
            // a folder that vanished meanwhile, or that cannot be opened, is left for the next start
            return false;
        }
    }

    /** A folder held by an open session. */
    static final class Held implements AutoCloseable {
        private final Path directory;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(Path directory, FileChannel channel, FileLock lock) {
            this.directory = directory;
            this.channel = channel;
            this.lock = lock;
        }

        Path directory() {
            return directory;
        }

        /** Deletes the folder, then lets it go. */
        @Override
        public void close() {
            try {
                Warehouse.deleteQuietly(directory);
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel, and the channel with the process
            } finally {
                HELD.remove(directory);
            }
        }
    }
}
