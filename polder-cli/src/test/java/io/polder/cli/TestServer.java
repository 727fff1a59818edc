package io.polder.cli;

import io.polder.registry.store.Database;
import io.polder.server.PolderServer;
import io.polder.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Polder server on a free loopback port with a fresh embedded store, and the CLI pointed at it. The store
 * starts as a copy of one this JVM migrated once (running every migration for every test's server costs more
 * than many of the tests); the server opens it as it opens any store at its default place and finds it current.
 */
final class TestServer implements AutoCloseable {
    private static final String STORE = "polder.db";
    private static Path template;

    private final PolderServer server;
    private final String adminToken;

    private TestServer(PolderServer server, String adminToken) {
        this.server = server;
        this.adminToken = adminToken;
    }

    static TestServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.copy(template(), dataDir.resolve(STORE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // sources in DATA/sources; no scheduler: a cron of the example mesh must not start builds during a test
        PolderServer server = PolderServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null)
                .withBuilds(io.polder.server.build.BuildSettings.defaults().withScheduler(false)));
        try {
            return new TestServer(server, Files.readString(dataDir.resolve("admin.token")).strip());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's migrated store, made on first use and deleted when the JVM ends. */
    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path folder = Files.createTempDirectory("polder-cli-test-template");
            Path file = folder.resolve(STORE);
            // closing checkpoints the write-ahead log into the file, so the one file is the whole store
            Database.open("jdbc:sqlite:" + file).close();
            Path wal = folder.resolve(STORE + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new IllegalStateException("the migrated template " + file + " kept a write-ahead log " + wal
                        + " after it was closed; a copy of the file alone would miss its last changes");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder the system cleans up anyway
                }
            }, "delete-cli-test-template"));
            template = file;
        }
        return template;
    }

    String url() {
        return server.baseUrl();
    }

    String adminToken() {
        return adminToken;
    }

    /** The CLI as the platform admin. */
    CliRun admin(String... args) {
        return as(adminToken, args);
    }

    /** The CLI with {@code token} ("" for none). */
    CliRun as(String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", url(), "--token", token));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.close();
    }
}
