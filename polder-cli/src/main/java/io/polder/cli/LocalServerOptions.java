package io.polder.cli;

import io.polder.server.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the commands that start a server in this process ({@code polder serve}, {@code polder demo}):
 * where it listens and where it keeps its data. A picocli mixin; {@link ServerOptions} are those of the commands
 * that talk to a server.
 */
final class LocalServerOptions {
    /** The data directory, relative to where the server starts, when --data-dir names none. */
    static final String DEFAULT_DATA_DIR = "polder-data";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "The port to listen on (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--flight-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_FLIGHT_PORT,
            description = "The Arrow Flight SQL port, on the same host (default ${DEFAULT-VALUE}; 0 for any free port;"
                    + " -1 for none). Clients connect with the Flight SQL JDBC driver:"
                    + " jdbc:arrow-flight-sql://HOST:PORT/?useEncryption=false&token=TOKEN")
    int flightPort;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
            description = "The data directory (default ./${DEFAULT-VALUE}): the embedded database, the warehouse,"
                    + " the sources and admin.token.")
    Path dataDir;

    /** A server on {@code host} with these ports and data directory, its registry in {@code jdbcUrl} (null: embedded). */
    ServerConfig config(String host, String jdbcUrl) {
        return new ServerConfig(host, port, dataDir, jdbcUrl).withFlightPort(flightPort);
    }
}
