package io.polder.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite, the embedded default: one file under the data directory.
 *
 * <p>Connections use the write-ahead log (readers never block the writer, and a killed process leaves a
 * consistent file), {@code synchronous=NORMAL} (the WAL setting that never corrupts; after a power cut,
 * not a process crash, the last commits may be rolled back and the next apply redoes them), foreign
 * keys, a busy timeout so that writers queue instead of failing, and {@code BEGIN IMMEDIATE} for
 * transactions: a transaction that reads and then writes takes the write lock at its start, so two
 * writers never deadlock on a lock upgrade.
 */
final class SqliteDialect implements Dialect {
    static final String URL_PREFIX = "jdbc:sqlite:";
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int POOL_SIZE = 8;

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public DataSource createDataSource(String jdbcUrl) {
        createParentDirectory(databaseFile(jdbcUrl));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(jdbcUrl);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("polder-sqlite");
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setConnectionTimeout(BUSY_TIMEOUT.toMillis());
        return new HikariDataSource(pool);
    }

    /**
     * A deferred transaction, begun by hand because the connections begin theirs IMMEDIATE (which would take the
     * write lock and hold every writer back while this reads): in the write-ahead log it reads the state committed
     * when its first statement ran, and ends with no lock left behind, whatever {@code callback} throws.
     */
    @Override
    public <T> T inSnapshot(Handle handle, HandleCallback<T, RuntimeException> callback) {
        handle.execute("BEGIN DEFERRED");
        T result;
        try {
            result = callback.withHandle(handle);
        } catch (RuntimeException | Error e) {
            try {
                handle.execute("ROLLBACK");
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        handle.execute("COMMIT");
        return result;
    }

    /** The Julian day of 'now' (millisecond precision) less that of 1970-01-01, in milliseconds. */
    @Override
    public String currentTimeMillisQuery() {
        return "SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";
    }

    @Override
    public boolean isUniqueViolation(SQLException error) {
        if (error instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
        }
        return false;
    }

    /** The file a {@code jdbc:sqlite:} URL names; in-memory databases are refused (each pooled connection would get its own). */
    static Path databaseFile(String jdbcUrl) {
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isBlank() || file.contains(":memory:") || file.contains("mode=memory")) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT,
                    "the registry needs a SQLite file (jdbc:sqlite:PATH), not an in-memory database");
        }
        return Path.of(file);
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
    }
}
