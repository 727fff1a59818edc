package io.polder.engine.duckdb;

import io.polder.spi.EngineJson;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.check.CheckRun;
import io.polder.spi.exceptions.BuildInterruptedException;
import io.polder.spi.exceptions.ConcurrentBuildException;
import io.polder.spi.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of the warehouse, under {@code DATA/warehouse}:
 * <pre>
 * PRODUCT/.lock                                  held while the product is built, published or checked (in-process
 *                                                and across processes)
 * PRODUCT/PORT/vMAJOR/published.json             the published pointer
 * PRODUCT/PORT/vMAJOR/snapshots/ID/TABLE.parquet the data, one file per table
 * PRODUCT/PORT/vMAJOR/snapshots/ID/manifest.json written last: a folder with a manifest is a complete snapshot
 * PRODUCT/PORT/vMAJOR/snapshots/ID/status.json   check outcome, quarantine, publication
 * PRODUCT/PORT/vMAJOR/snapshots/ID/checks.json   the last contract run, with failed-row samples
 * PRODUCT/PORT/vMAJOR/snapshots/ID.partial/      a snapshot being written; never read, removed by the recovery
 * PRODUCT/PORT/vMAJOR/snapshots/.deleting-ID/    a snapshot being deleted; never read, removed by the recovery
 * </pre>
 * Every metadata file is replaced by writing a temporary file ({@code .NAME.UUID.tmp}, locked by its writer
 * until it has been renamed) and renaming it over the old one, so a crash at any moment leaves the old file or
 * the new one, never half of one; what else a crash leaves is for {@link WarehouseRecovery}.
 */
final class Warehouse {
    static final String PARTIAL = ".partial";
    private static final String MANIFEST = "manifest.json";
    private static final String STATUS = "status.json";
    private static final String CHECKS = "checks.json";
    private static final String POINTER = "published.json";
    private static final Pattern MAJOR_FOLDER = Pattern.compile("v(\\d{1,6})");

    /** A temporary file of {@link #writeAtomically}: {@code .status.json.UUID.tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\.(?:manifest|status|checks|published)\\.json\\.[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.tmp");
    /**
     * The products this process holds, by lock file: a file lock belongs to the process, and closing any channel
     * of the file may release it, so the lock file of a product held here is never opened a second time.
     */
    private static final ConcurrentHashMap<Path, InProcessHold> PRODUCT_LOCKS = new ConcurrentHashMap<>();
    /** The temporary files this process is writing (see {@link #clearTemporaryFiles}). */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final Path root;

    Warehouse(Path root) {
        this.root = realPath(root.toAbsolutePath().normalize());
    }

    /**
     * The folder's real path (made if missing), through symbolic links: one warehouse reached by two paths is one
     * key of {@link #PRODUCT_LOCKS}, or the second engine's lock file would be opened again and closing it could
     * release the first one's lock. Where the folder cannot be made yet, its path as given.
     */
    private static Path realPath(Path folder) {
        try {
            createDirectories(folder);
            return folder.toRealPath();
        } catch (IOException | StorageException notYet) {
            return folder;
        }
    }

    Path root() {
        return root;
    }

    Path portDirectory(PortRef port) {
        return root.resolve(port.productId()).resolve(port.portName()).resolve("v" + port.majorVersion());
    }

    Path snapshotsDirectory(PortRef port) {
        return portDirectory(port).resolve("snapshots");
    }

    Path snapshotDirectory(PortRef port, SnapshotId id) {
        return snapshotsDirectory(port).resolve(id.value());
    }

    Path partialDirectory(PortRef port, SnapshotId id) {
        return snapshotsDirectory(port).resolve(id.value() + PARTIAL);
    }

    static Path tableFile(Path snapshotDirectory, String table) {
        return snapshotDirectory.resolve(table + ".parquet");
    }

    void provision(PortRef port) {
        createDirectories(snapshotsDirectory(port));
    }

    Path createPartial(PortRef port, SnapshotId id) {
        Path partial = partialDirectory(port, id);
        createDirectories(partial);
        return partial;
    }

    /** Seals a partial snapshot: writes its manifest, then gives its folder the final name. */
    void complete(PortRef port, SnapshotId id, SnapshotManifest manifest) {
        Path partial = partialDirectory(port, id);
        writeAtomically(partial.resolve(MANIFEST), EngineJson.write(manifest), "the manifest of snapshot " + id);
        move(partial, snapshotDirectory(port, id), "sealing snapshot " + id);
    }

    Optional<SnapshotManifest> manifest(PortRef port, SnapshotId id) {
        return read(snapshotDirectory(port, id).resolve(MANIFEST), SnapshotManifest.class);
    }

    SnapshotStatus status(PortRef port, SnapshotId id) {
        return read(snapshotDirectory(port, id).resolve(STATUS), SnapshotStatus.class).orElse(SnapshotStatus.UNCHECKED);
    }

    void writeStatus(PortRef port, SnapshotId id, SnapshotStatus status) {
        writeAtomically(snapshotDirectory(port, id).resolve(STATUS), EngineJson.write(status), "the status of snapshot " + id);
    }

    void writeChecks(PortRef port, SnapshotId id, CheckRun run) {
        writeAtomically(snapshotDirectory(port, id).resolve(CHECKS), EngineJson.write(run), "the checks of snapshot " + id);
    }

    Optional<CheckRun> checks(PortRef port, SnapshotId id) {
        return read(snapshotDirectory(port, id).resolve(CHECKS), CheckRun.class);
    }

    Optional<PublishedPointer> pointer(PortRef port) {
        return read(portDirectory(port).resolve(POINTER), PublishedPointer.class);
    }

    void movePointer(PortRef port, PublishedPointer pointer) {
        writeAtomically(portDirectory(port).resolve(POINTER), EngineJson.write(pointer), "the published pointer of " + port);
    }

    /** The complete snapshots of a port, newest first. */
    List<SnapshotId> snapshotIds(PortRef port) {
        List<SnapshotId> ids = new ArrayList<>();
        for (Path entry : list(snapshotsDirectory(port))) {
            String name = entry.getFileName().toString();
            if (!name.endsWith(PARTIAL) && !name.startsWith(".") && Files.isRegularFile(entry.resolve(MANIFEST))) {
                ids.add(SnapshotId.parse(name));
            }
        }
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    /** Folders of snapshots that were never completed (a build that failed or was killed while writing). */
    List<Path> partials(PortRef port) {
        return list(snapshotsDirectory(port)).stream()
                .filter(path -> path.getFileName().toString().endsWith(PARTIAL)
                        || path.getFileName().toString().startsWith(".deleting-"))
                .toList();
    }

    /** Deletes a snapshot: first renamed away, so a half-deleted snapshot is never taken for a complete one. */
    void delete(PortRef port, SnapshotId id) {
        Path directory = snapshotDirectory(port, id);
        Path doomed = directory.resolveSibling(".deleting-" + id.value());
        move(directory, doomed, "deleting snapshot " + id);
        deleteQuietly(doomed);
    }

    /** Holds the product as {@link #lock(String, Runnable)} does, waiting without saying so. */
    ProductLock lock(String productId) {
        return lock(productId, () -> { });
    }

    /**
     * Holds the product for one build, publication or retention: across threads of this process and across
     * processes. When a contract run of this process holds it (a short run), waits for that run to end, telling
     * {@code waiting} first (and then for the runs that waited with it); when anything else holds it (a build, a
     * publication, a run of another process), fails at once.
     *
     * @throws ConcurrentBuildException when the product is held by a run that is not a contract run of this process
     * @throws BuildInterruptedException when the thread is interrupted while it waits
     */
    ProductLock lock(String productId, Runnable waiting) {
        Path file = lockFile(productId);
        InProcessHold hold = PRODUCT_LOCKS.computeIfAbsent(file, path -> new InProcessHold());
        hold.take(productId, false, holder -> waiting.run());
        return Optional.ofNullable(lockFile(productId, file, hold, false)).orElseThrow(() -> busy(productId));
    }

    /**
     * Holds the product for one contract run of a snapshot already written, waiting for whatever run holds it (in
     * this process or another) and telling {@code waiting} first; while it is held, builds, publications and
     * retention of this process wait for it rather than fail (see {@link #lock}).
     *
     * @throws ConcurrentBuildException when this very thread holds the product already
     * @throws BuildInterruptedException when the thread is interrupted while it waits
     */
    ProductLock lockForContractRun(String productId, Runnable waiting) {
        return lockForContractRun(productId, holder -> waiting.run());
    }

    /**
     * As {@link #lockForContractRun(String, Runnable)}, telling {@code waiting} what holds the product in this process
     * when it waits for it.
     */
    ProductLock lockForContractRun(String productId, Consumer<Holder> waiting) {
        Path file = lockFile(productId);
        InProcessHold hold = PRODUCT_LOCKS.computeIfAbsent(file, path -> new InProcessHold());
        hold.take(productId, true, waiting);
        return lockFile(productId, file, hold, true);
    }

    /** What holds a product in this process, for a run that waits for it to say what it waits for. */
    enum Holder {
        /** A contract run of a snapshot. */
        CONTRACT_RUN,
        /** A build, a publication or a retention. */
        BUILD
    }

    /**
     * Holds the product as {@link #lock} does, or answers empty at once when a run of this process or another
     * holds it (also one of another engine of this process over the same warehouse, or of this very thread).
     */
    Optional<ProductLock> tryLockProduct(String productId) {
        Path file = lockFile(productId);
        InProcessHold hold = PRODUCT_LOCKS.computeIfAbsent(file, path -> new InProcessHold());
        if (!hold.tryTake()) {
            return Optional.empty();
        }
        return Optional.ofNullable(lockFile(productId, file, hold, false));
    }

    private Path lockFile(String productId) {
        return root.resolve(productId).resolve(".lock");
    }

    /**
     * Takes the lock file of a product this thread holds in this process: at once (null when another process holds
     * it), or waiting for it. The hold in this process is released unless the file's lock is taken.
     */
    private static ProductLock lockFile(String productId, Path file, InProcessHold hold, boolean wait) {
        FileChannel channel = null;
        try {
            createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = wait ? channel.lock() : tryLock(channel);
            if (fileLock == null) {
                channel.close();
                hold.release();
                return null;
            }
            return new ProductLock(hold, channel, fileLock);
        } catch (FileLockInterruptionException | ClosedByInterruptException e) {
            closeQuietly(channel);
            hold.release();
            throw wait ? interruptedWaiting(productId, e)
                    : new BuildInterruptedException("interrupted while locking product " + productId, e);
        } catch (IOException e) {
            closeQuietly(channel);
            hold.release();
            throw new StorageException("cannot lock product " + productId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            hold.release();
            throw e;
        }
    }

    /**
     * Who holds a product in this process: one run at a time, and whether it is a contract run. Taken and released
     * under one monitor, so a run that finds the product held always knows what holds it: a build never takes a
     * contract run that has just taken (or is just letting go of) the product for another build and fails.
     */
    private static final class InProcessHold {
        private Thread owner;
        private boolean contractRun;

        /** Takes the product if nobody in this process holds it. */
        synchronized boolean tryTake() {
            if (owner != null) {
                return false;
            }
            owner = Thread.currentThread();
            contractRun = false;
            return true;
        }

        /**
         * Takes the product, waiting while it is held: a contract run waits for any run; any other run fails when
         * it finds the product held by anything but a contract run, and once it waits, waits its turn (a
         * publication and a retention that both waited for one contract run follow each other). {@code waiting} is
         * told once, outside the monitor, before the first wait, what held the product then.
         */
        void take(String productId, boolean asContractRun, Consumer<Holder> waiting) {
            boolean told = false;
            while (true) {
                Holder holder;
                synchronized (this) {
                    if (owner == Thread.currentThread()) {
                        throw busy(productId);
                    }
                    if (owner != null && !asContractRun && !contractRun && !told) {
                        throw busy(productId);
                    }
                    if (owner != null && told) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw interruptedWaiting(productId, e);
                        }
                        continue;
                    }
                    if (owner == null) {
                        owner = Thread.currentThread();
                        contractRun = asContractRun;
                        return;
                    }
                    holder = contractRun ? Holder.CONTRACT_RUN : Holder.BUILD;
                }
                told = true;
                waiting.accept(holder);
            }
        }

        synchronized void release() {
            owner = null;
            contractRun = false;
            notifyAll();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing the channel releases what it held; there is nothing more to do
        }
    }

    private static BuildInterruptedException interruptedWaiting(String productId, Exception cause) {
        return new BuildInterruptedException("interrupted while waiting for the run that holds product " + productId,
                cause);
    }

    /** The products that have a folder in the warehouse. */
    List<String> productIds() {
        return list(root).stream().filter(Files::isDirectory).map(path -> path.getFileName().toString())
                .filter(name -> !name.startsWith(".")).sorted().toList();
    }

    /** The ports of {@code productId} that have a folder in the warehouse (any folder {@code PORT/vMAJOR}). */
    List<PortRef> portRefs(String productId) {
        List<PortRef> ports = new ArrayList<>();
        for (Path port : list(root.resolve(productId))) {
            for (Path version : Files.isDirectory(port) ? list(port) : List.<Path>of()) {
                Matcher major = MAJOR_FOLDER.matcher(version.getFileName().toString());
                if (Files.isDirectory(version) && major.matches()) {
                    try {
                        ports.add(new PortRef(productId, port.getFileName().toString(), Integer.parseInt(major.group(1))));
                    } catch (IllegalArgumentException notAPort) {
                        // a folder the engine did not make
                    }
                }
            }
        }
        return ports;
    }

    /**
     * Deletes the temporary files that writes of metadata left in the port's folder and its snapshots' folders
     * (a process killed between writing one and renaming it); answers how many. A temporary file is deleted
     * only when nobody writes it: its writer holds a lock on it from before its first byte until it has been
     * renamed, so one that can be locked was left by a writer that died.
     */
    int clearTemporaryFiles(PortRef port) {
        List<Path> folders = new ArrayList<>();
        folders.add(portDirectory(port));
        list(snapshotsDirectory(port)).stream().filter(Files::isDirectory).forEach(folders::add);
        int cleared = 0;
        for (Path folder : folders) {
            for (Path file : list(folder)) {
                if (TEMPORARY.matcher(file.getFileName().toString()).matches() && clearIfAbandoned(file)) {
                    cleared++;
                }
            }
        }
        return cleared;
    }

    private static boolean clearIfAbandoned(Path temporary) {
        if (WRITING.contains(temporary)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(temporary);
            return true;
        } catch (IOException e) {
            // renamed meanwhile by its writer, or not ours to open: left alone
            return false;
        }
    }

    /** The file's lock, or null when another process, or this one, holds it. */
    static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static ConcurrentBuildException busy(String productId) {
        return new ConcurrentBuildException("product " + productId + " is being built, published or checked by another"
                + " run; try again when it has finished");
    }

    /** The lock of one product; released by {@link #close()}, and by the operating system if the process dies. */
    static final class ProductLock implements AutoCloseable {
        private final InProcessHold hold;
        private final FileChannel channel;
        private final FileLock fileLock;

        private ProductLock(InProcessHold hold, FileChannel channel, FileLock fileLock) {
            this.hold = hold;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            try {
                fileLock.release();
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel, and the channel with the process
            } finally {
                hold.release();
            }
        }
    }

    /**
     * Replaces {@code file} with {@code content}: written to a temporary file that is synced, then renamed over
     * it. The temporary file is locked until it has been renamed, so that {@link #clearTemporaryFiles} never
     * takes it for one a killed process left.
     */
    static void writeAtomically(Path file, String content, String what) {
        for (int attempt = 0; ; attempt++) {
            Path temporary = file.toAbsolutePath().normalize()
                    .resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            WRITING.add(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.lock();
                if (!Files.exists(temporary) && attempt < 3) {
                    // another process's recovery took it, in the instant between its creation and its lock
                    continue;
                }
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
                move(temporary, file, "writing " + what);
                return;
            } catch (IOException e) {
                deleteQuietly(temporary);
                throw storageError("writing " + what, e);
            } catch (RuntimeException e) {
                deleteQuietly(temporary);
                throw e;
            } finally {
                WRITING.remove(temporary);
            }
        }
    }

    private static void move(Path from, Path to, String what) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException(what + ": the warehouse's file system cannot rename atomically", e);
        } catch (IOException e) {
            throw storageError(what, e);
        }
    }

    static StorageException storageError(String what, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device")) {
            return new StorageException("no space left on device while " + what, e);
        }
        return new StorageException(what + " failed: " + e, e);
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return Optional.of(EngineJson.read(Files.readString(file, StandardCharsets.UTF_8), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw storageError("reading " + file, e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw storageError("creating " + directory, e);
        }
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (IOException e) {
            throw storageError("listing " + directory, e);
        }
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(entry -> {
                try {
                    Files.deleteIfExists(entry);
                } catch (IOException ignored) {
                    // left for the next cleanup; a leftover file is never read as data
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
