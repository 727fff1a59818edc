package io.polder.engine.duckdb;

import io.polder.spi.exceptions.BuildInterruptedException;
import io.polder.spi.exceptions.ResourceLimitException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs statements under a watchdog that cancels them when they run past the statement timeout, when the
 * thread that runs them is interrupted, or when the engine closes. DuckDB's own {@code max_execution_time}
 * (2.0) answers the first only, and a JDBC call in native code does not notice a Java interrupt; cancelling the
 * statement answers all three, with one message per reason.
 */
final class QueryGuard implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final ScheduledThreadPoolExecutor watchdog;
    private final Duration timeout;
    private volatile boolean closed;

    QueryGuard(Duration timeout) {
        this.timeout = timeout;
        this.watchdog = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("polder-duckdb-watchdog").daemon().factory());
        // closing stops new watches, not the ones running: they see the engine closed and cancel their statements
        // (by default a shut-down executor drops its periodic tasks, and a statement running then ran on unwatched)
        watchdog.setContinueExistingPeriodicTasksAfterShutdownPolicy(true);
        watchdog.setRemoveOnCancelPolicy(true);
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws SQLException;
    }

    private enum Reason { TIMEOUT, INTERRUPTED, CLOSED }

    /** Runs {@code call} on {@code statement}; a cancellation becomes the matching engine exception. */
    <T> T run(Statement statement, String what, Call<T> call) throws SQLException {
        if (closed) {
            throw new BuildInterruptedException("the engine is closed");
        }
        Thread caller = Thread.currentThread();
        if (caller.isInterrupted()) {
            throw new BuildInterruptedException("interrupted before " + what);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<Reason> reason = new AtomicReference<>();
        ScheduledFuture<?> task;
        try {
            task = watch(statement, caller, deadline, reason);
        } catch (RejectedExecutionException closing) {
            throw new BuildInterruptedException("the engine is closed");
        }
        try {
            return call.run();
        } catch (SQLException e) {
            Reason cause = reason.get();
            if (cause == null) {
                throw e;
            }
            throw switch (cause) {
                case TIMEOUT -> new ResourceLimitException(what + " ran longer than the statement timeout of "
                        + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                        + " (engine setting statement-timeout) and was cancelled", e);
                case INTERRUPTED -> new BuildInterruptedException(what + " was interrupted and cancelled", e);
                case CLOSED -> new BuildInterruptedException(what + " was cancelled: the engine is closing", e);
            };
        } finally {
            task.cancel(false);
        }
    }

    /** Looks every {@link #POLL_MILLIS} ms whether {@code statement} must stop, and once it must, cancels it. */
    private ScheduledFuture<?> watch(Statement statement, Thread caller, long deadline, AtomicReference<Reason> reason) {
        return watchdog.scheduleAtFixedRate(() -> {
            Reason cause = closed ? Reason.CLOSED : caller.isInterrupted() ? Reason.INTERRUPTED
                    : System.nanoTime() > deadline ? Reason.TIMEOUT : null;
            if (cause != null) {
                reason.compareAndSet(null, cause);
            }
            if (reason.get() != null) {
                // at every look until the call returns: DuckDB's driver ignores a cancel that comes before the
                // statement runs (a thread kept waiting on a busy machine between here and DuckDB) or as it starts
                // (with the driver alone, 4 of 40 cancels in a statement's first 10 ms were lost)
                cancel(statement);
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the statement finished or closed in the meantime: nothing left to cancel
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdown();
    }
}
