package io.polder.registry.store;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * Everything that differs between the databases the registry runs on. The schema, the migrations and
 * every statement are shared; only what is here is specific.
 */
public interface Dialect {

    /** A short name for logs and metrics: {@code sqlite} or {@code postgresql}. */
    String name();

    /**
     * A pooled data source for {@code jdbcUrl} whose connections are set up for the registry (for SQLite:
     * write-ahead log, foreign keys, busy timeout, write transactions that take the lock at once).
     */
    DataSource createDataSource(String jdbcUrl);

    /** Whether {@code error} reports a primary key or unique constraint that an insert would break. */
    boolean isUniqueViolation(SQLException error);

    /**
     * Runs {@code callback} on {@code handle} (in auto-commit mode) inside a read-only transaction that sees one
     * committed state from its first statement on; see {@link Database#snapshot}.
     */
    <T> T inSnapshot(Handle handle, HandleCallback<T, RuntimeException> callback);

    /**
     * A query of one row and one column: the database's current time in epoch milliseconds. The registry's time,
     * the same for every server that shares the store whatever their own clocks say (see {@link Database#clock}).
     */
    String currentTimeMillisQuery();

    /** The dialect for a JDBC URL: {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://...}. */
    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith(SqliteDialect.URL_PREFIX)) {
            return new SqliteDialect();
        }
        if (jdbcUrl != null && jdbcUrl.startsWith(PostgresDialect.URL_PREFIX)) {
            return new PostgresDialect();
        }
        throw new PolderException(ErrorCode.INVALID_ARGUMENT, "unsupported database URL '" + Database.redact(jdbcUrl)
                + "'; use jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DATABASE");
    }
}
