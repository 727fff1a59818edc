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
 *
 * <p>A server is also told at each beat when another server took it for silent (after a long pause of its process,
 * or a network partition) and failed runs it is still working on: those are interrupted
 * ({@link BuildService#stopRunsEndedElsewhere}), and would not be allowed to publish anyway. And the rows of runners
 * gone for good (silent {@link RunService#FORGET_RUNNERS_AFTER} beyond their limit, nothing left unfinished) are
 * removed from the registry.
 */
public final class RunnerHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerHeartbeat.class);

    private final RunService runs;
    private final BuildService builds;
    private final String runner;
    private final Duration interval;
    private final Duration silentAfter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("polder-heartbeat").daemon().factory());

    /**
     * @param builds      this server's builds: its runner, and its runs to interrupt when another server ended them
     * @param interval    how often the heartbeat is written (and silent runners looked for); {@link BuildSettings}
     *                    keeps a server's at {@link BuildSettings#MIN_HEARTBEAT} or more
     * @param silentAfter how long this runner may go without a heartbeat before others fail its runs
     */
    public RunnerHeartbeat(RunService runs, BuildService builds, Duration interval, Duration silentAfter) {
        this.runs = requireNonNull(runs, "runs is null");
        this.builds = requireNonNull(builds, "builds is null");
        this.runner = builds.runner();
        this.interval = requireNonNull(interval, "interval is null");
        this.silentAfter = requireNonNull(silentAfter, "silentAfter is null");
    }

    /** Beats now, on the caller's thread (so the server is known to be alive before it takes runs), then regularly. */
    public void start() {
        beat();
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One beat: the heartbeat; this server's runs that another one ended are interrupted; the runs of silent runners
     * are failed; runners gone for good are forgotten. Each step is tried whatever the one before came to (a step
     * that fails is logged, and counts nothing); the heartbeat itself failing is thrown once the others were tried,
     * for the caller to say so.
     */
    public Beat beat() {
        RuntimeException heartbeatFailed = null;
        try {
            runs.heartbeat(runner, silentAfter);
        } catch (RuntimeException e) {
            heartbeatFailed = e;
        }
        int stopped = step("interrupting the runs other servers ended", builds::stopRunsEndedElsewhere);
        int failed = step("failing the runs of servers that stopped answering", () -> runs.failAbandoned(runner));
        if (failed > 0) {
            LOG.info("{} run(s) of servers that stopped answering are marked failed", failed);
        }
        int forgotten = step("forgetting servers gone for good", runs::forgetSilentRunners);
        if (forgotten > 0) {
            LOG.info("{} server(s) silent for more than {} days are no longer listed among the registry's runners",
                    forgotten, RunService.FORGET_RUNNERS_AFTER.toDays());
        }
        if (heartbeatFailed != null) {
            throw heartbeatFailed;
        }
        return new Beat(failed, stopped, forgotten);
    }

    private int step(String what, java.util.function.IntSupplier step) {
        try {
            return step.getAsInt();
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of {}: {} failed: {}", runner, what, e.getMessage(), e);
            return 0;
        }
    }

    /**
     * What a beat did.
     *
     * @param failed    runs of silent runners failed
     * @param stopped   runs of this server interrupted because another server had ended them
     * @param forgotten runners removed from the registry, gone for good
     */
    public record Beat(int failed, int stopped, int forgotten) {
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
