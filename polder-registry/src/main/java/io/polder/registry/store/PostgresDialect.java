package io.polder.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * PostgreSQL, for several server replicas sharing one registry. Transactions run at READ COMMITTED: the
 * registry's guarantees come from primary keys, unique constraints and revision-checked updates, which
 * hold at that level across connections and processes.
 */
final class PostgresDialect implements Dialect {
    static final String URL_PREFIX = "jdbc:postgresql:";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int POOL_SIZE = 16;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public DataSource createDataSource(String jdbcUrl) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setPoolName("polder-postgresql");
        pool.setMaximumPoolSize(POOL_SIZE);
        return new HikariDataSource(pool);
    }

    /** REPEATABLE READ: every statement sees the snapshot taken at the first (a read-only one never fails to commit). */
    @Override
    public <T> T inSnapshot(Handle handle, HandleCallback<T, RuntimeException> callback) {
        return handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, callback::withHandle);
    }

    /** clock_timestamp(), not now(): the time of the statement, not of the transaction's start. */
    @Override
    public String currentTimeMillisQuery() {
        return "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";
    }

    @Override
    public boolean isUniqueViolation(SQLException error) {
        return UNIQUE_VIOLATION.equals(error.getSQLState());
    }
}
