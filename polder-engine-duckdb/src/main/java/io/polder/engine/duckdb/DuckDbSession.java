package io.polder.engine.duckdb;

import io.polder.spi.ColumnInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * One in-memory DuckDB database for one build or contract run, locked down: it never installs or loads an
 * extension beyond the built-in ones, and once {@link #lockDown} has run it reads only the files it was
 * given, writes only in the folders it was given, and cannot change its settings back. Every statement
 * runs under the {@link QueryGuard}'s timeout.
 */
public final class DuckDbSession implements AutoCloseable {
    private final DuckDBConnection connection;
    private final QueryGuard guard;
    private final TemporaryDirectories.Held tempDirectory;
    private int queryCount;

    private DuckDbSession(DuckDBConnection connection, QueryGuard guard, TemporaryDirectories.Held tempDirectory) {
        this.connection = connection;
        this.guard = guard;
        this.tempDirectory = tempDirectory;
    }

    static DuckDbSession open(DuckDbSettings settings, QueryGuard guard, Path tempDirectory) {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("allow_community_extensions", "false");
        properties.setProperty("allow_unsigned_extensions", "false");
        properties.setProperty("extension_directory", settings.dataDirectory().resolve("duckdb/extensions").toString());
        properties.setProperty("memory_limit", settings.memoryLimit());
        properties.setProperty("threads", Integer.toString(settings.threads()));
        // no asynchronous I/O threads: DuckDB 2.0 hands Parquet writes to them, and aborting such a write deadlocks
        // (the failing COPY holds the writer's lock while it waits for a write in flight, whose completion needs
        // that lock), so a COPY cancelled or failing mid-write never returned; written on the statement's own
        // threads, it stops at the next chunk
        properties.setProperty("async_threads", "0");
        properties.setProperty("temp_directory", tempDirectory.toString());
        properties.setProperty("max_temp_directory_size", settings.tempDirectoryLimit());
        TemporaryDirectories.Held held = TemporaryDirectories.hold(tempDirectory);
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            DuckDbSession session = new DuckDbSession(connection.unwrap(DuckDBConnection.class), guard, held);
            // every instant is read and written in UTC, whatever the machine's zone (ICU is built in); a Parquet
            // file's footer is read once per session, not again at each statement that binds its view
            session.execute("SET TimeZone = 'UTC'; SET parquet_metadata_cache = true", "setting up the session");
            return session;
        } catch (SQLException e) {
            held.close();
            throw DuckDbErrors.translate(e, "opening DuckDB");
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    DuckDBConnection connection() {
        return connection;
    }

    /**
     * From now on: read only {@code readableFiles}, read and write only under {@code directories}, load no
     * extension, and change no setting. Irreversible for this session.
     */
    void lockDown(Collection<Path> readableFiles, Collection<Path> directories) {
        // one round trip; DuckDB runs the statements in order and stops at the first that fails
        execute("SET allowed_directories = " + list(directories.stream()
                .map(dir -> dir.toAbsolutePath().normalize() + "/").toList())
                + "; SET allowed_paths = " + list(readableFiles.stream()
                .map(file -> file.toAbsolutePath().normalize().toString()).toList())
                + "; SET enable_external_access = false; SET lock_configuration = true", "locking the session down");
    }

    private static String list(List<String> items) {
        return items.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Runs a statement; returns its update count (the rows a COPY wrote), or -1. */
    public long execute(String sql, String what) {
        try {
            return run(sql, what);
        } catch (SQLException e) {
            throw DuckDbErrors.translate(e, what);
        }
    }

    /**
     * Runs a statement made of {@code file}'s SQL after a prefix without line breaks (CREATE VIEW x AS ...): an
     * error DuckDB places names the file and its line.
     */
    long executeFileSql(String sql, String file) {
        try {
            return run(sql, file);
        } catch (SQLException e) {
            throw DuckDbErrors.translateInFile(e, file);
        }
    }

    private long run(String sql, String what) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return guard.run(statement, what, () -> {
                boolean hasResult = statement.execute(sql);
                if (hasResult) {
                    try (ResultSet result = statement.getResultSet()) {
                        return result.next() ? result.getLong(1) : -1L;
                    }
                }
                return (long) statement.getUpdateCount();
            });
        }
    }

    /** Runs a query over data, counted in {@link #queryCount()}; {@code reader} reads the whole result. */
    public <T> T query(String sql, String what, ResultReader<T> reader) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return guard.run(statement, what, () -> {
                queryCount++;
                try (ResultSet result = statement.executeQuery(sql)) {
                    return reader.read(result);
                }
            });
        }
    }

    /**
     * Prepares {@code sql} for {@link #query(PreparedStatement, String, ResultReader)}: binds every name and
     * constant without reading data, so it fails with DuckDB's binder error when a column or a regex is wrong.
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** Runs a prepared query over data, counted in {@link #queryCount()}; {@code reader} reads the whole result. */
    public <T> T query(PreparedStatement statement, String what, ResultReader<T> reader) throws SQLException {
        return guard.run(statement, what, () -> {
            queryCount++;
            try (ResultSet result = statement.executeQuery()) {
                return reader.read(result);
            }
        });
    }

    /** Runs a query over metadata (a Parquet footer), not counted in {@link #queryCount()}. */
    public <T> T metadata(String sql, String what, ResultReader<T> reader) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return guard.run(statement, what, () -> {
                try (ResultSet result = statement.executeQuery(sql)) {
                    return reader.read(result);
                }
            });
        }
    }

    /** Binds {@code sql} without running it: fails with DuckDB's binder error when a column or a regex is wrong. */
    @SuppressWarnings("try") // preparing is the point; the statement is not used
    public void bind(String sql) throws SQLException {
        try (PreparedStatement ignored = connection.prepareStatement(sql)) {
            // preparing binds every name and constant; nothing is read
        }
    }

    /** The columns of a relation (a view, a table, or a query in parentheses), from metadata only. */
    public List<ColumnInfo> describe(String relation, String what) {
        try (Statement statement = connection.createStatement()) {
            return guard.run(statement, what, () -> {
                List<ColumnInfo> columns = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
                    while (result.next()) {
                        columns.add(new ColumnInfo(result.getString("column_name"), result.getString("column_type")));
                    }
                }
                return columns;
            });
        } catch (SQLException e) {
            throw DuckDbErrors.translate(e, what);
        }
    }

    /** A single value of a query that reads no data (such as resolving a type name). */
    public String scalar(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    public int queryCount() {
        return queryCount;
    }

    @FunctionalInterface
    public interface ResultReader<T> {
        T read(ResultSet result) throws SQLException;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing an in-memory database frees its memory; there is nothing to recover
        }
        tempDirectory.close();
    }
}
