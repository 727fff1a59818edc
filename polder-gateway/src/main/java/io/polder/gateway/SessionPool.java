package io.polder.gateway;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps a few fresh DuckDB databases open ahead of time, and closes used ones in the background: opening and
 * closing a database costs tens of milliseconds, a query on a small relation a few. A database is handed out
 * once and never reused, so every query still starts from an empty, unlocked database of its own.
 */
final class SessionPool implements AutoCloseable {
    private final GatewaySettings settings;
    private final BlockingQueue<GovernedSession> spare;
    private final ExecutorService background;
    private volatile boolean closed;

    SessionPool(GatewaySettings settings, int spares) {
        this.settings = settings;
        this.spare = new ArrayBlockingQueue<>(Math.max(1, spares));
        this.background = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("polder-gateway-sessions").daemon().factory());
        for (int i = 0; i < spares; i++) {
            refill();
        }
    }

    /** A fresh database: a spare one if ready, else one opened now. */
    GovernedSession take() throws SQLException, IOException {
        GovernedSession session = spare.poll();
        refill();
        return session != null ? session : GovernedSession.open(settings);
    }

    /** Closes a used database in the background. */
    void release(GovernedSession session) {
        try {
            background.execute(session::close);
        } catch (RejectedExecutionException e) {
            session.close();
        }
    }

    private void refill() {
        if (closed) {
            return;
        }
        try {
            background.execute(() -> {
                if (closed || spare.remainingCapacity() == 0) {
                    return;
                }
                try {
                    GovernedSession session = GovernedSession.open(settings);
                    if (closed || !spare.offer(session)) {
                        session.close();
                    }
                } catch (SQLException | IOException e) {
                    // a spare could not be opened: the next query opens its own and reports the failure
                }
            });
        } catch (RejectedExecutionException e) {
            // closing: no more spares
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdown();
        try {
            background.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        GovernedSession session;
        while ((session = spare.poll()) != null) {
            session.close();
        }
    }
}
