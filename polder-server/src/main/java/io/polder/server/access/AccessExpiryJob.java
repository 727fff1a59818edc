package io.polder.server.access;

import static java.util.Objects.requireNonNull;

import io.polder.registry.access.AccessService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic side of access: at start and every {@link #INTERVAL}, reminds the owners of each port of the
 * grants on it that expire within {@link #REMIND_WITHIN} (once per grant, in their inbox and the audit log), and
 * records the expiry of grants whose time is over (once per grant, in the audit log). A grant stops working at
 * its expiry whether or not this job has run: the gateway compares with the time of each query. Several replicas
 * may run it at once; the registry records each reminder and expiry once.
 */
public final class AccessExpiryJob implements AutoCloseable {
    /** How often the job looks. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    /** How long before a grant expires its owners are reminded. */
    public static final Duration REMIND_WITHIN = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(AccessExpiryJob.class);

    private final AccessService access;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("polder-access-expiry").daemon().factory());

    public AccessExpiryJob(AccessService access) {
        this.access = requireNonNull(access, "access is null");
    }

    /** Runs now, in the background, and every {@link #INTERVAL} from then on. */
    public void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What one run did. */
    public record Outcome(int reminded, int expired) {
    }

    /** One run: reminders first, then expiries. */
    public Outcome runOnce() {
        return new Outcome(access.remindExpiring(REMIND_WITHIN), access.recordExpired());
    }

    private void tick() {
        try {
            Outcome outcome = runOnce();
            if (outcome.reminded() > 0 || outcome.expired() > 0) {
                LOG.info("access: reminded the owners of {} grant(s) about to expire; {} grant(s) expired",
                        outcome.reminded(), outcome.expired());
            }
        } catch (RuntimeException e) {
            LOG.warn("the access expiry job could not run: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
