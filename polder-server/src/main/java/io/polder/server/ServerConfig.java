package io.polder.server;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import io.polder.server.build.BuildSettings;
import io.polder.server.query.QueryLimits;
import java.time.Duration;

/**
 * How to run the server.
 *
 * @param host the interface to listen on; loopback by default, so that nothing is exposed by accident
 * @param port the port to listen on; 0 for any free port
 * @param dataDir where the embedded database and the first admin token ({@code admin.token}) live
 * @param jdbcUrl the registry's database; null means the embedded SQLite file {@code <dataDir>/polder.db}
 * @param maxBodyBytes the largest request body accepted; larger ones are refused with 413
 * @param shutdownGrace how long {@link PolderServer#close()} lets requests in flight finish
 * @param builds the engine, where sources are, the OpenLineage endpoint, the scheduler and the heartbeat among
 *               replicas; the warehouse is {@code <dataDir>/warehouse}
 * @param flightPort the port of the Arrow Flight SQL endpoint, on {@code host}; 0 for any free port,
 *                   {@link #NO_FLIGHT} for none (the default of the constructors without it)
 * @param queryLimits row caps, timeouts and how many queries run at once; null means {@link QueryLimits#defaults()}
 */
public record ServerConfig(String host, int port, Path dataDir, String jdbcUrl, long maxBodyBytes,
                           Duration shutdownGrace, BuildSettings builds, int flightPort, QueryLimits queryLimits) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("polder-data");
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** The Flight SQL port {@code polder serve} and {@code polder demo} open unless told otherwise. */
    public static final int DEFAULT_FLIGHT_PORT = 8815;
    /** No Flight SQL endpoint. */
    public static final int NO_FLIGHT = -1;

    public ServerConfig {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, found " + port);
        }
        requireNonNull(dataDir, "dataDir is null");
        jdbcUrl = jdbcUrl == null ? embeddedJdbcUrl(dataDir) : jdbcUrl;
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, found " + maxBodyBytes);
        }
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace is negative");
        }
        builds = builds == null ? BuildSettings.defaults() : builds;
        if (flightPort < NO_FLIGHT || flightPort > 65_535) {
            throw new IllegalArgumentException("the Flight SQL port must be between 0 and 65535, found " + flightPort);
        }
        queryLimits = queryLimits == null ? QueryLimits.defaults() : queryLimits;
    }

    /** With the default query limits. */
    public ServerConfig(String host, int port, Path dataDir, String jdbcUrl, long maxBodyBytes, Duration shutdownGrace,
                        BuildSettings builds, int flightPort) {
        this(host, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, builds, flightPort, null);
    }

    /** Without a Flight SQL endpoint. */
    public ServerConfig(String host, int port, Path dataDir, String jdbcUrl, long maxBodyBytes, Duration shutdownGrace,
                        BuildSettings builds) {
        this(host, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, builds, NO_FLIGHT);
    }

    /** With the default build settings. */
    public ServerConfig(String host, int port, Path dataDir, String jdbcUrl, long maxBodyBytes, Duration shutdownGrace) {
        this(host, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, BuildSettings.defaults());
    }

    /** With the default body limit and shutdown grace; a null {@code jdbcUrl} means the embedded SQLite file. */
    public ServerConfig(String host, int port, Path dataDir, String jdbcUrl) {
        this(host, port, dataDir, jdbcUrl, DEFAULT_MAX_BODY_BYTES, DEFAULT_SHUTDOWN_GRACE);
    }

    /** 127.0.0.1:8080, ./polder-data, SQLite in it. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA_DIR, null);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, builds, flightPort, queryLimits);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, builds, flightPort, queryLimits);
    }

    /** Another data directory; the embedded database moves with it unless another database was named. */
    public ServerConfig withDataDir(Path value) {
        String database = jdbcUrl.equals(embeddedJdbcUrl(dataDir)) ? null : jdbcUrl;
        return new ServerConfig(host, port, value, database, maxBodyBytes, shutdownGrace, builds, flightPort, queryLimits);
    }

    public ServerConfig withJdbcUrl(String value) {
        return new ServerConfig(host, port, dataDir, value, maxBodyBytes, shutdownGrace, builds, flightPort, queryLimits);
    }

    public ServerConfig withMaxBodyBytes(long value) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, value, shutdownGrace, builds, flightPort, queryLimits);
    }

    public ServerConfig withShutdownGrace(Duration value) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, maxBodyBytes, value, builds, flightPort, queryLimits);
    }

    public ServerConfig withBuilds(BuildSettings value) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, value, flightPort, queryLimits);
    }

    /** With the Flight SQL endpoint on {@code value} (0: any free port; {@link #NO_FLIGHT}: none). */
    public ServerConfig withFlightPort(int value) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, builds, value, queryLimits);
    }

    public ServerConfig withQueryLimits(QueryLimits value) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, maxBodyBytes, shutdownGrace, builds, flightPort, value);
    }

    /** Whether the server opens a Flight SQL endpoint. */
    public boolean flight() {
        return flightPort != NO_FLIGHT;
    }

    /** Whether the registry is the embedded SQLite file in the data directory. */
    public boolean embeddedDatabase() {
        return jdbcUrl.equals(embeddedJdbcUrl(dataDir));
    }

    private static String embeddedJdbcUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("polder.db");
    }
}
