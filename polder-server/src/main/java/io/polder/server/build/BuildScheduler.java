package io.polder.server.build;

import static java.util.Objects.requireNonNull;

import io.polder.error.PolderException;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.BuildDefinitions;
import io.polder.registry.runs.LineageGraph;
import io.polder.registry.runs.LineageService;
import io.polder.registry.runs.RunTrigger;
import io.polder.spi.settings.ProductSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts builds on their own, as the products' polder.yaml asks: on its {@code schedule.cron} (checked once a
 * minute, in UTC), and when a product it reads publishes a new snapshot ({@code schedule.onUpstreamPublish}).
 * Builds it starts are the registry's principal's ({@code polder}) and are recorded with their trigger. A build
 * that is due while the product is being built already is skipped.
 */
public final class BuildScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildScheduler.class);

    private final BuildService builds;
    private final BuildDefinitions definitions;
    private final LineageService lineage;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("polder-scheduler").daemon().factory());

    public BuildScheduler(BuildService builds, BuildDefinitions definitions, LineageService lineage, Clock clock) {
        this.builds = requireNonNull(builds, "builds is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Checks the cron schedules at the start of every minute from now on, and follows publishes. */
    public void start() {
        builds.onPublished(this::upstreamPublished);
        Instant now = clock.instant();
        long untilNextMinute = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES))
                .toMillis();
        timer.scheduleAtFixedRate(this::tick, untilNextMinute, Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the builds whose cron fires in the minute of {@code time}. */
    void runDue(ZonedDateTime time) {
        for (Map.Entry<String, ProductSettings> entry : definitions.settings().entrySet()) {
            ProductSettings settings = entry.getValue();
            if (settings.schedule() == null || settings.schedule().cron() == null) {
                continue;
            }
            try {
                if (CronExpression.parse(settings.schedule().cron()).matches(time)) {
                    start(entry.getKey(), RunTrigger.SCHEDULE);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("the schedule of {} is not used: {}", entry.getKey(), e.getMessage());
            }
        }
    }

    /** Builds the products that read {@code productId} and ask to be built when it publishes. */
    void upstreamPublished(String productId) {
        Map<String, ProductSettings> settings = definitions.settings();
        for (LineageGraph.Node node : lineage.graph(productId, 1).nodes()) {
            ProductSettings downstream = settings.get(node.product());
            if (node.distance() == 1 && downstream != null && downstream.schedule() != null
                    && downstream.schedule().buildsOnUpstreamPublish()) {
                start(node.product(), RunTrigger.UPSTREAM);
            }
        }
    }

    private void tick() {
        try {
            runDue(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
        } catch (RuntimeException e) {
            LOG.warn("the scheduler could not check the schedules: {}", e.getMessage());
        }
    }

    private void start(String productId, RunTrigger trigger) {
        try {
            builds.build(Principal.SYSTEM, productId, trigger);
            LOG.info("scheduled a build of {} ({})", productId, trigger.value());
        } catch (PolderException e) {
            LOG.info("no {} build of {}: {}", trigger.value(), productId, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
