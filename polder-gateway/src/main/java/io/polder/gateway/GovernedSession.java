package io.polder.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.engine.duckdb.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One in-memory DuckDB database for one query. Before the consumer's SQL runs, it holds exactly the granted
 * relations the query names, each a view that reads the published snapshot, applies the grant's row filter
 * to the published values and shows every column through its mask; then it is locked: it reads only those
 * snapshot files, loads no extension, reaches no network, and its settings cannot change. No unmasked or
 * unfiltered relation exists in it, so no shadowing, join, union or subquery can reach one.
 *
 * <p>A row filter sits below a {@code LIMIT} of the largest BIGINT, which keeps every row and is a barrier
 * no optimizer may move a predicate through (a filter above a LIMIT means something else below it). DuckDB
 * otherwise moves a query's predicates and join conditions below a view's filter and into the same filter,
 * where they may run first, so that a predicate failing on some value (a cast, {@code error()}) would reveal
 * rows the filter hides. Below the barrier the row filter itself is still pushed into the scan.
 */
final class GovernedSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Path temp;

    private GovernedSession(Connection connection, Path temp) {
        this.connection = connection;
        this.temp = temp;
    }

    static GovernedSession open(GatewaySettings settings) throws SQLException, IOException {
        Path temp = settings.tempDirectory().resolve("query-" + UUID.randomUUID());
        Files.createDirectories(temp);
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("allow_community_extensions", "false");
        properties.setProperty("allow_unsigned_extensions", "false");
        properties.setProperty("extension_directory", temp.resolve("no-extensions").toString());
        properties.setProperty("memory_limit", settings.memoryLimit());
        properties.setProperty("threads", Integer.toString(settings.threads()));
        // DuckDB starts 4 asynchronous I/O threads per core in every database (256 at most), and the gateway opens a
        // database per query: bounded by the query's threads. They stay on (the engine's sessions turn them off
        // because DuckDB deadlocks aborting a COPY whose asynchronous Parquet write is in flight, and a query's
        // database writes no file: COPY and EXPORT are refused on the parse tree, and the lock-down leaves it no
        // writable path; it only reads, and spills)
        properties.setProperty("async_threads", Integer.toString(settings.threads()));
        properties.setProperty("temp_directory", temp.toString());
        // a view binds when it is created, reading the Parquet footer; the query then reads it from the cache
        properties.setProperty("enable_object_cache", "true");
        properties.setProperty("max_temp_directory_size", settings.tempDirectoryLimit());
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            GovernedSession session = new GovernedSession(connection, temp);
            session.execute("SET TimeZone = 'UTC'");
            return session;
        } catch (SQLException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** DuckDB's parse tree of {@code sql}, or its parse error, as JSON. */
    JsonNode parse(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return JSON.readTree(result.getString(1));
            }
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("the query is nested too deeply to be checked (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** Creates the governed view of each relation, under its relation name. */
    void define(List<GrantedRelation> relations, byte[] maskKey) throws SQLException {
        if (relations.stream().anyMatch(relation -> relation.columns().stream().anyMatch(c -> c.mask() == ColumnMask.HASH))) {
            for (String statement : MaskSql.padStatements(maskKey)) {
                execute(statement);
            }
        }
        Set<String> schemas = new LinkedHashSet<>();
        for (GrantedRelation relation : relations) {
            if (schemas.add(RelationName.asciiLower(relation.name().schema()))) {
                execute("CREATE SCHEMA " + Sql.identifier(relation.name().schema()));
            }
            execute("CREATE VIEW " + relation.name().sql() + " AS " + viewQuery(relation));
        }
    }

    static String viewQuery(GrantedRelation relation) {
        String columns = relation.columns().stream()
                .map(column -> MaskSql.expression(column) + " AS " + Sql.identifier(column.name()))
                .collect(Collectors.joining(", "));
        String scan = "read_parquet(" + Sql.literal(relation.location()) + ")";
        String from = relation.filter().map(filter -> "(SELECT * FROM " + scan + " WHERE (\n" + filter.sql()
                + "\n) LIMIT " + Long.MAX_VALUE + ")").orElse(scan);
        return "SELECT " + columns + " FROM " + from;
    }

    /** From now on: read only {@code files}, no extension, no network, no change of settings. */
    void lockDown(List<String> files) throws SQLException {
        execute("SET allowed_directories = []");
        execute("SET allowed_paths = " + files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]")));
        execute("SET enable_external_access = false");
        execute("SET lock_configuration = true");
    }

    /** The outcome of running the consumer's query. */
    record Run(List<ResultColumn> columns, long rows, boolean truncated) {
    }

    /**
     * Runs {@code sql}, streaming at most {@code rowCap} rows to {@code sink}; cancels it when
     * {@code timeoutNanos} pass or when the cap is reached with rows left.
     *
     * @throws SQLException from DuckDB; {@code timedOut} tells whether the watchdog cancelled it
     */
    Run run(String sql, long rowCap, long timeoutNanos, ScheduledExecutorService watchdog, AtomicBoolean timedOut,
            RowSink sink) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                timedOut.set(true);
                cancel(statement);
            }, timeoutNanos, TimeUnit.NANOSECONDS);
            try (ResultSet result = statement.executeQuery(capped(sql, rowCap))) {
                ResultSetMetaData meta = result.getMetaData();
                int width = meta.getColumnCount();
                List<ResultColumn> columns = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    columns.add(new ResultColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                sink.start(columns);
                long rows = 0;
                boolean truncated = false;
                while (result.next()) {
                    if (rows == rowCap) {
                        truncated = true;
                        cancel(statement);
                        break;
                    }
                    Object[] values = new Object[width];
                    for (int i = 0; i < width; i++) {
                        values[i] = result.getObject(i + 1);
                    }
                    sink.row(values);
                    rows++;
                }
                return new Run(columns, rows, truncated);
            } finally {
                deadline.cancel(false);
            }
        }
    }

    /**
     * The consumer's query, exactly as checked, inside a LIMIT of one row over the cap: DuckDB stops producing
     * rows there (a billion-row result costs what its first rows cost), and the extra row tells that the result
     * was cut. A cap of 0 asks for the columns alone: {@code LIMIT 0}, which DuckDB answers without running the
     * query (so such a result is never marked truncated). The query stands on lines of its own, so a trailing
     * comment cannot swallow the closing parenthesis.
     */
    static String capped(String sql, long rowCap) {
        String body = body(sql);
        long limit = rowCap == Long.MAX_VALUE || rowCap == 0 ? rowCap : rowCap + 1;
        return "SELECT * FROM (\n" + body + "\n) LIMIT " + limit;
    }

    /** The consumer's query as {@link #capped} runs it: without the blanks around it and its closing semicolons. */
    static String body(String sql) {
        String body = sql.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        return body;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the statement finished or closed meanwhile: there is nothing left to cancel
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // an in-memory database frees its memory on close; there is nothing to recover
        }
        deleteQuietly(temp);
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a leftover temporary folder is removed with the next cleanup of the temporary directory
        }
    }
}
