package io.polder.engine.duckdb;

import io.polder.spi.exceptions.BuildInterruptedException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens the engine's sessions: every build and contract run gets a new in-memory DuckDB that no run has used.
 * Starting one costs DuckDB 15-20 ms on a quiet machine (its catalog, its built-in extensions, its threads),
 * which on a small product is most of a contract run; so, with {@code open-sessions-ahead} (the default), the
 * next session is started on a background thread as soon as one is handed out, and the run that comes next
 * takes it ready. A session opened ahead has run nothing but the engine's own settings (the time zone, the
 * footer cache); the run that takes it locks it down, to its own files, exactly as a session opened for it.
 * The opening costs the same CPU time wherever it runs: on idle cores it leaves the run's path; on busy ones it
 * competes with the run it overlaps. Closing a contract run's session overlaps with recording its results, and
 * a build's with sealing its candidates ({@link #closeWhile}).
 */
final class SessionOpener implements AutoCloseable {
    private final DuckDbSettings settings;
    private final QueryGuard guard;
    private final boolean ahead;
    private final ExecutorService background = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("polder-duckdb-opener").daemon().factory());
    private CompletableFuture<DuckDbSession> next; // guarded by this
    private boolean closed; // guarded by this

    SessionOpener(DuckDbSettings settings, QueryGuard guard, boolean ahead) {
        this.settings = settings;
        this.guard = guard;
        this.ahead = ahead;
    }

    /** A session no run has used: the one opened ahead when it is ready or nearly, otherwise a new one. */
    DuckDbSession open() {
        CompletableFuture<DuckDbSession> opened = takeNext();
        DuckDbSession session = opened == null ? null : await(opened);
        return session != null ? session : openNew();
    }

    /** Closes {@code session} on a background thread while {@code work} runs, and waits for both. */
    void closeWhile(DuckDbSession session, Runnable work) {
        CompletableFuture<Void> closing;
        try {
            closing = CompletableFuture.runAsync(session::close, background);
        } catch (RejectedExecutionException engineClosed) {
            session.close();
            closing = CompletableFuture.completedFuture(null);
        }
        try {
            work.run();
        } finally {
            closing.join();
        }
    }

    private synchronized CompletableFuture<DuckDbSession> takeNext() {
        if (closed) {
            throw new BuildInterruptedException("the engine is closed");
        }
        CompletableFuture<DuckDbSession> taken = next;
        next = ahead ? CompletableFuture.supplyAsync(this::openNew, background) : null;
        return taken;
    }

    /** The session opened ahead, or null when opening it failed (the caller opens one and sees the error itself). */
    private static DuckDbSession await(CompletableFuture<DuckDbSession> opened) {
        try {
            return opened.get();
        } catch (ExecutionException failed) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opened.thenAccept(DuckDbSession::close);
            throw new BuildInterruptedException("interrupted while opening a DuckDB session", e);
        }
    }

    private DuckDbSession openNew() {
        return DuckDbSession.open(settings, guard, settings.dataDirectory().resolve("tmp").resolve(UUID.randomUUID()
                .toString()));
    }

    /** Closes the session opened ahead, if any, and stops opening more. */
    @Override
    public void close() {
        CompletableFuture<DuckDbSession> unused;
        synchronized (this) {
            closed = true;
            unused = next;
            next = null;
        }
        try {
            if (unused != null) {
                // waited for: the session's temporary folder is gone when the engine has closed
                unused.thenAccept(DuckDbSession::close).join();
            }
        } catch (CompletionException nothingOpened) {
            // opening it failed: there is nothing to close
        } finally {
            background.shutdown();
        }
    }
}
