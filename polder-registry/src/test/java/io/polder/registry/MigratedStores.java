package io.polder.registry;

import io.polder.registry.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Stores migrated once per JVM, for the tests of every module that opens a registry (this module's test-jar): running
 * every migration for every test costs more than most tests. A SQLite store is a copy of a file this JVM migrated; a
 * PostgreSQL one a database made from a template this JVM migrated ({@code CREATE DATABASE ... TEMPLATE}). Either
 * copy is the very store Flyway made, history table included. Templates are removed when the JVM ends.
 */
public final class MigratedStores {
    private static final String SQLITE_FILE = "polder.db";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Path sqliteTemplate;
    private static String postgresTemplate;

    private MigratedStores() {
    }

    /** Copies this JVM's migrated SQLite store to {@code target}, a file that must not exist yet. */
    public static void copySqlite(Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(sqliteTemplate(), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a database named {@code polder_<prefix><random>} on the PostgreSQL server of {@code baseUrl}: a copy of
     * this JVM's migrated template when {@code migrated}, else empty.
     *
     * @return its name, for {@link #withDatabase} and {@link #dropPostgres}
     */
    public static String createPostgres(String baseUrl, String prefix, boolean migrated) {
        String name = newName(prefix);
        execute(baseUrl, "CREATE DATABASE " + name + (migrated ? " TEMPLATE " + postgresTemplate(baseUrl) : ""));
        return name;
    }

    /** Drops a database made by {@link #createPostgres}; FORCE: a connection a failed test left open must not keep it. */
    public static void dropPostgres(String baseUrl, String name) {
        execute(baseUrl, "DROP DATABASE " + name + " WITH (FORCE)");
    }

    /** {@code url} (jdbc:postgresql://host:port/database?parameters) naming {@code database} instead. */
    public static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        int slash = path.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new IllegalStateException("the test PostgreSQL URL names no database; it needs"
                    + " jdbc:postgresql://HOST:PORT/DATABASE");
        }
        return path.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static synchronized Path sqliteTemplate() throws IOException {
        if (sqliteTemplate == null) {
            Path folder = Files.createTempDirectory("polder-test-template");
            Path file = folder.resolve(SQLITE_FILE);
            // closing checkpoints the write-ahead log into the file, so the one file is the whole store
            Database.open("jdbc:sqlite:" + file).close();
            Path wal = folder.resolve(SQLITE_FILE + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new IllegalStateException("the migrated template " + file + " kept a write-ahead log " + wal
                        + " after it was closed; a copy of the file alone would miss its last changes");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "delete-test-template"));
            sqliteTemplate = file;
        }
        return sqliteTemplate;
    }

    private static synchronized String postgresTemplate(String baseUrl) {
        if (postgresTemplate == null) {
            String made = newName("template_");
            execute(baseUrl, "CREATE DATABASE " + made);
            try {
                Database.open(withDatabase(baseUrl, made)).close();
            } catch (RuntimeException e) {
                execute(baseUrl, "DROP DATABASE " + made + " WITH (FORCE)");
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(baseUrl, "DROP DATABASE IF EXISTS " + made
                    + " WITH (FORCE)"), "drop-" + made));
            postgresTemplate = made;
        }
        return postgresTemplate;
    }

    private static String newName(String prefix) {
        return "polder_" + prefix + HexFormat.of().formatHex(RANDOM.generateSeed(6));
    }

    /** Runs one of this class's own statements; the database names are generated, never taken from input. */
    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder the system cleans up anyway
        }
    }
}
