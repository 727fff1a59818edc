package io.polder.cli;

import io.polder.registry.MigratedStores;
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
 * starts as a copy of the one this JVM migrated once ({@link MigratedStores}); the server opens it as it opens any store at its default place and finds it current.
 */
final class TestServer implements AutoCloseable {
    private static final String STORE = "polder.db";

    private final PolderServer server;
    private final String adminToken;

    private TestServer(PolderServer server, String adminToken) {
        this.server = server;
        this.adminToken = adminToken;
    }

    static TestServer start(Path dataDir) {
        MigratedStores.copySqlite(dataDir.resolve(STORE));
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
