package io.polder.server.build;

import static java.util.Objects.requireNonNull;

import io.polder.registry.runs.RunService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The liveness of a server among replicas that share one registry. At start and every {@code interval}, it records
 * in the registry that this server's runner is alive (a heartbeat, by the registry's time, saying how long it may go
 * silent), and fails the unfinished runs of every other runner that went silent for longer than it had said: their
 * server died and never started again, and without this its runs would stay queued or running forever and hold their
 * products' builds back. Every replica does the same; the registry fails each such run once.
 */
public final class RunnerHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerHeartbeat.class);

    private final RunService runs;
    private final String runner;
    private final Duration interval;
    private final Duration silentAfter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "polder-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param interval    how often the heartbeat is written (and silent runners looked for)
     * @param silentAfter how long this runner may go without a heartbeat before others fail its runs
     */
    public RunnerHeartbeat(RunService runs, String runner, Duration interval, Duration silentAfter) {
        this.runs = requireNonNull(runs, "runs is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.silentAfter = requireNonNull(silentAfter, "silentAfter is null");
    }

    /** Beats now, on the caller's thread (so the server is known to be alive before it takes runs), then regularly. */
    public void start() {
        beat();
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One beat: the heartbeat, then the runs of silent runners failed.
     *
     * @return how many runs of silent runners were failed
     */
    public int beat() {
        runs.heartbeat(runner, silentAfter);
        int failed = runs.failAbandoned(runner);
        if (failed > 0) {
            LOG.info("{} run(s) of servers that stopped answering are marked failed", failed);
        }
        return failed;
    }

    private void tick() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warn("the heartbeat of {} could not be recorded: {}", runner, e.getMessage());
        } catch (Error e) {
            // thrown on, a periodic task would stop for good and the other servers take this live one for silent
            LOG.error("the heartbeat of {} could not be recorded; trying again at the next beat", runner, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
