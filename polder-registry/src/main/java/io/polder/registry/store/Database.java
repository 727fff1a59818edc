package io.polder.registry.store;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's metadata store: a pooled connection to SQLite or PostgreSQL whose schema is brought up
 * to date by the Flyway migrations under {@code db/migration} when it is opened.
 *
 * <p>Services read with {@link #read} (no transaction: each statement sees committed data) and change
 * with {@link #write} (one transaction; on SQLite it holds the write lock from its first statement).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Pattern SECRETS = Pattern.compile("(?i)(password|user|sslpassword|sslkey)=[^&;]*");

    private final Dialect dialect;
    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String description;

    private Database(Dialect dialect, DataSource dataSource, String description) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
    }

    /**
     * Opens the store at {@code jdbcUrl} ({@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://...}) and
     * migrates its schema. Several processes may open the same PostgreSQL database at once: Flyway
     * serialises their migrations.
     *
     * @throws PolderException INVALID_ARGUMENT for an unsupported URL, INTERNAL when the database cannot
     *         be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        Dialect dialect = Dialect.forUrl(jdbcUrl);
        DataSource dataSource;
        try {
            dataSource = dialect.createDataSource(jdbcUrl);
        } catch (RuntimeException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot open the registry database " + redact(jdbcUrl)
                    + ": " + rootMessage(e), java.util.Map.of(), e);
        }
        Database database = new Database(dialect, dataSource, redact(jdbcUrl));
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new PolderException(ErrorCode.INTERNAL, "cannot migrate the registry database " + redact(jdbcUrl)
                    + ": " + rootMessage(e), java.util.Map.of(), e);
        }
        return database;
    }

    private void migrate() {
        java.util.List<String> locations = Migrations.locations(dialect);
        if (Migrations.current(dataSource, locations)) {
            LOG.info("registry database {} ({}) at the current schema", description, dialect.name());
            return;
        }
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.stream().map(location -> "classpath:" + location).toArray(String[]::new))
                .load()
                .migrate();
        LOG.info("registry database {} ({}) at schema version {}", description, dialect.name(),
                result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion);
    }

    public Dialect dialect() {
        return dialect;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code callback} on a connection in auto-commit mode. */
    public <T> T read(HandleCallback<T, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    /**
     * Runs {@code callback} on a connection that sees one committed state of the store from its first statement to
     * its last, whatever commits meanwhile (a read transaction: REPEATABLE READ on PostgreSQL, a deferred
     * transaction in SQLite's write-ahead log, which takes no write lock). For reads that must not mix two states,
     * such as a compliance evaluation and the generation it is kept under. It must only read.
     */
    public <T> T snapshot(HandleCallback<T, RuntimeException> callback) {
        return jdbi.withHandle(handle -> dialect.inSnapshot(handle, callback));
    }

    /** Runs {@code callback} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T write(HandleCallback<T, RuntimeException> callback) {
        return jdbi.inTransaction(callback);
    }

    /** Runs {@code callback} in one transaction, without a result. */
    public void writeVoid(java.util.function.Consumer<Handle> callback) {
        jdbi.useTransaction(callback::accept);
    }

    /**
     * The database's clock: each reading is one query of the database's current time. Servers that share the store
     * (replicas on other machines) agree on it whatever their own clocks say, so it is what times written by one
     * server and compared by another (the runners' heartbeats) are measured with; everything else uses the
     * server's clock.
     */
    public java.time.Clock clock() {
        return new StoreClock(java.time.ZoneOffset.UTC);
    }

    /** Whether {@code error}, or one of its causes, is a broken primary key or unique constraint. */
    public boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && dialect.isUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private final class StoreClock extends java.time.Clock {
        private final java.time.ZoneId zone;

        private StoreClock(java.time.ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public java.time.ZoneId getZone() {
            return zone;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId other) {
            return new StoreClock(other);
        }

        @Override
        public long millis() {
            return read(handle -> handle.createQuery(dialect.currentTimeMillisQuery()).mapTo(Long.class).one());
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis());
        }
    }

    /** The URL without credentials, fit for logs and messages. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the registry database {} failed: {}", description, e.getMessage());
            }
        }
    }

    /** {@code jdbcUrl} with password and user parameters and any {@code user:password@} blanked out. */
    static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(none)";
        }
        String withoutUserInfo = jdbcUrl.replaceAll("//[^/@]*@", "//***@");
        return SECRETS.matcher(withoutUserInfo).replaceAll("$1=***");
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
