package io.polder.bench;

import io.polder.server.PolderServer;
import io.polder.server.ServerConfig;
import java.nio.file.Path;

/** The real Polder server on a free loopback port, for one measurement. */
final class BenchServer implements AutoCloseable {
    private final PolderServer server;

    private BenchServer(PolderServer server) {
        this.server = server;
    }

    /**
     * @param jdbcUrl the store; null for the embedded default (SQLite in {@code dataDir})
     */
    static BenchServer start(Path dataDir, String jdbcUrl) {
        return new BenchServer(PolderServer.start(new ServerConfig("127.0.0.1", 0, dataDir, jdbcUrl)));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
