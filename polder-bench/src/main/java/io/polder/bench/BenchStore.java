package io.polder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A fresh, empty metadata store for one benchmark run, and the data directory the server uses beside it:
 * an SQLite file in that directory (the embedded default), or a new schema in a PostgreSQL database.
 */
final class BenchStore implements AutoCloseable {
    private final Path dataDir;
    private final String jdbcUrl;
    private final String postgresBaseUrl;
    private final String schema;

    private BenchStore(Path dataDir, String jdbcUrl, String postgresBaseUrl, String schema) {
        this.dataDir = dataDir;
        this.jdbcUrl = jdbcUrl;
        this.postgresBaseUrl = postgresBaseUrl;
        this.schema = schema;
    }

    static BenchStore sqlite() throws IOException {
        Path dir = Files.createTempDirectory("polder-bench-registry");
        return new BenchStore(dir, "jdbc:sqlite:" + dir.resolve("polder.db"), null, null);
    }

    static BenchStore postgres(String baseUrl) throws IOException {
        Path dir = Files.createTempDirectory("polder-bench-registry");
        // generated here, never taken from input: safe to put into the statement
        String schema = "bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        execute(baseUrl, "CREATE SCHEMA " + schema);
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchStore(dir, url, baseUrl, schema);
    }

    Path dataDir() {
        return dataDir;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() throws IOException {
        if (schema != null) {
            execute(postgresBaseUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
        deleteTree(dataDir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
