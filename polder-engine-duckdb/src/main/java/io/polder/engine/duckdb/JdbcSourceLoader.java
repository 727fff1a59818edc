package io.polder.engine.duckdb;

import io.polder.spi.Progress;
import io.polder.spi.ProgressListener;
import io.polder.spi.SecretResolver;
import io.polder.spi.Stage;
import io.polder.spi.exceptions.SourceDataException;
import io.polder.spi.exceptions.SourceUnavailableException;
import io.polder.spi.settings.JdbcSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;

/**
 * Copies a table (or a query's result) of a database reached over JDBC into a DuckDB table of the build's
 * in-memory database, through DuckDB's appender. DuckDB's own postgres extension would do this too, but
 * the engine never downloads extensions and it is not built in; plain JDBC needs nothing but the driver.
 * Rows stream with a fetch size, so a large table does not have to fit in Java's memory.
 */
final class JdbcSourceLoader {
    private static final int FETCH_SIZE = 10_000;
    private static final long PROGRESS_EVERY = 100_000;

    private final DuckDbSession session;
    private final SecretResolver secrets;
    private final ProgressListener progress;
    private final String runId;

    JdbcSourceLoader(DuckDbSession session, SecretResolver secrets, ProgressListener progress, String runId) {
        this.session = session;
        this.secrets = secrets;
        this.progress = progress;
        this.runId = runId;
    }

    /** Loads {@code source} into {@code schema.name}; returns the rows copied. */
    long load(JdbcSource source, String schema) {
        try (Connection connection = connect(source); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            connection.setReadOnly(true);
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery(query(source))) {
                List<Column> columns = columns(rows.getMetaData());
                session.execute("CREATE TABLE " + Sql.qualified(schema, source.name()) + " (" + columns.stream()
                        .map(column -> Sql.identifier(column.name) + " " + column.duckDbType)
                        .collect(Collectors.joining(", ")) + ")", "creating the table of source " + source.name());
                return copy(rows, columns, schema, source.name());
            }
        } catch (SQLException e) {
            throw new SourceDataException("source " + source.name() + ": reading " + redact(source.url()) + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Connection connect(JdbcSource source) {
        Properties properties = new Properties();
        if (source.user() != null) {
            properties.setProperty("user", source.user());
        }
        if (source.passwordSecret() != null) {
            properties.setProperty("password", secrets.secret(source.passwordSecret()).orElseThrow(() ->
                    new SourceUnavailableException("source " + source.name() + ": the secret " + source.passwordSecret()
                            + " (its password) is not set")));
        }
        try {
            return DriverManager.getConnection(source.url(), properties);
        } catch (SQLException e) {
            throw new SourceUnavailableException("source " + source.name() + ": cannot connect to "
                    + redact(source.url()) + ": " + e.getMessage(), e);
        }
    }

    /** A table name is quoted part by part; a query is the source's own SQL, run by the source database. */
    private static String query(JdbcSource source) {
        if (source.query() != null) {
            return source.query();
        }
        List<String> parts = List.of(source.table().split("\\."));
        return "SELECT * FROM " + parts.stream().map(Sql::identifier).collect(Collectors.joining("."));
    }

    private long copy(ResultSet rows, List<Column> columns, String schema, String table) throws SQLException {
        long count = 0;
        try (DuckDBAppender appender = session.connection().createAppender(schema, table)) {
            while (rows.next()) {
                appender.beginRow();
                for (int i = 0; i < columns.size(); i++) {
                    append(appender, rows, i + 1, columns.get(i));
                }
                appender.endRow();
                if (++count % PROGRESS_EVERY == 0) {
                    progress.progress(new Progress(runId, Stage.LOAD_SOURCES, table, count, null,
                            "copying source " + table));
                }
            }
        }
        progress.progress(new Progress(runId, Stage.LOAD_SOURCES, table, count, null, "copied source " + table));
        return count;
    }

    private static void append(DuckDBAppender appender, ResultSet rows, int index, Column column) throws SQLException {
        Object value = switch (column.kind) {
            case INTEGER -> rows.getLong(index);
            case DOUBLE -> rows.getDouble(index);
            case DECIMAL -> rows.getBigDecimal(index);
            case BOOLEAN -> rows.getBoolean(index);
            case DATE -> rows.getObject(index, LocalDate.class);
            case TIMESTAMP -> rows.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> rows.getObject(index, OffsetDateTime.class);
            case TEXT -> rows.getString(index);
        };
        if (rows.wasNull() || value == null) {
            appender.appendNull();
            return;
        }
        switch (value) {
            case Long number -> appender.append(number.longValue());
            case Double number -> appender.append(number.doubleValue());
            case BigDecimal decimal -> appender.append(decimal.setScale(column.scale, java.math.RoundingMode.HALF_UP));
            case Boolean bool -> appender.append(bool.booleanValue());
            case LocalDate date -> appender.append(date);
            case LocalDateTime time -> appender.append(time);
            case OffsetDateTime time -> appender.append(time);
            default -> appender.append(value.toString());
        }
    }

    private enum Kind { INTEGER, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ, TEXT }

    private record Column(String name, Kind kind, String duckDbType, int scale) {
    }

    /** DuckDB types for the JDBC columns; what has no close match is copied as text. */
    private static List<Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            int precision = meta.getPrecision(i);
            int scale = Math.max(0, meta.getScale(i));
            columns.add(switch (meta.getColumnType(i)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> new Column(name, Kind.INTEGER, "BIGINT", 0);
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> new Column(name, Kind.DOUBLE, "DOUBLE", 0);
                case Types.NUMERIC, Types.DECIMAL -> precision > 0 && precision <= 38
                        ? new Column(name, Kind.DECIMAL, "DECIMAL(" + precision + "," + scale + ")", scale)
                        : new Column(name, Kind.DOUBLE, "DOUBLE", 0);
                case Types.BIT, Types.BOOLEAN -> new Column(name, Kind.BOOLEAN, "BOOLEAN", 0);
                case Types.DATE -> new Column(name, Kind.DATE, "DATE", 0);
                case Types.TIMESTAMP -> timestampTz(meta, i) ? new Column(name, Kind.TIMESTAMPTZ, "TIMESTAMPTZ", 0)
                        : new Column(name, Kind.TIMESTAMP, "TIMESTAMP", 0);
                case Types.TIMESTAMP_WITH_TIMEZONE -> new Column(name, Kind.TIMESTAMPTZ, "TIMESTAMPTZ", 0);
                default -> timestampTz(meta, i) ? new Column(name, Kind.TIMESTAMPTZ, "TIMESTAMPTZ", 0)
                        : new Column(name, Kind.TEXT, "VARCHAR", 0);
            });
        }
        return columns;
    }

    /** PostgreSQL's driver reports timestamptz as TIMESTAMP with the type name timestamptz. */
    private static boolean timestampTz(ResultSetMetaData meta, int index) throws SQLException {
        return "timestamptz".equalsIgnoreCase(meta.getColumnTypeName(index));
    }

    /** The URL without its query string, which may carry a password. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
