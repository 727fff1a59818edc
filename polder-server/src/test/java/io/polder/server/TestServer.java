package io.polder.server;

import io.polder.registry.Registry;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A real server on a free loopback port, over a throwaway data directory and database. */
final class TestServer implements AutoCloseable {
    private static final Principal TEST_ADMIN = Principal.platformAdmin("test-admin");

    private final TestDatabase database;
    private final Path dataDir;
    private final PolderServer server;
    private final ApiClient api;

    private TestServer(TestDatabase database, Path dataDir, PolderServer server) {
        this.database = database;
        this.dataDir = dataDir;
        this.server = server;
        this.api = new ApiClient(server.baseUrl());
    }

    static TestServer start(TestDatabase database) {
        return start(database, config -> config, Clock.systemUTC());
    }

    static TestServer start(TestDatabase database, UnaryOperator<ServerConfig> tweak, Clock clock) {
        Path dataDir = temporaryDirectory();
        try {
            // no scheduler: a cron of the example mesh must not start builds in the middle of a test
            ServerConfig config = tweak.apply(new ServerConfig("127.0.0.1", 0, dataDir, database.create(dataDir))
                    .withBuilds(io.polder.server.build.BuildSettings.defaults().withScheduler(false)));
            return new TestServer(database, dataDir, PolderServer.start(config, clock));
        } catch (RuntimeException e) {
            database.drop();
            deleteRecursively(dataDir);
            throw e;
        }
    }

    PolderServer server() {
        return server;
    }

    Registry registry() {
        return server.registry();
    }

    ApiClient api() {
        return api;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The first admin token, as the server wrote it to its data directory. */
    String adminToken() {
        try {
            return Files.readString(dataDir.resolve("admin.token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new token for a principal with one role, created through the registry's token service. */
    String token(String name, Role role, String domain, String team) {
        return registry().tokens().create(TEST_ADMIN, new NewToken(name, role, domain, team, null)).secret();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.drop();
            deleteRecursively(dataDir);
        }
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("polder-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
