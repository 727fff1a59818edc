package io.polder.server.build;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the server builds products.
 *
 * @param engine the name of the engine (found with ServiceLoader); {@code duckdb} by default
 * @param engineProperties the engine's settings, as its documentation names them (such as {@code memory-limit})
 * @param sourcesDir where the relative source paths of polder.yaml resolve; null for {@code <data-dir>/sources}
 * @param openLineageUrl an OpenLineage endpoint that gets every build's events as well; null for none
 * @param scheduler whether builds start on their own (cron of polder.yaml, upstream publishes)
 * @param workers how many builds and tests run at once (each product builds one at a time)
 * @param heartbeat how often the server records in the registry that it is alive, and looks for the runs of
 *                  replicas that stopped doing so ({@link RunnerHeartbeat}); {@link #DEFAULT_HEARTBEAT} by default, at
 *                  least {@link #MIN_HEARTBEAT}
 * @param silentAfter how long the server may go without a heartbeat before the other replicas fail its unfinished
 *                    runs; at least twice {@code heartbeat}; {@link #DEFAULT_SILENT_AFTER} by default
 */
public record BuildSettings(String engine, Map<String, String> engineProperties, Path sourcesDir, URI openLineageUrl,
                            boolean scheduler, int workers, Duration heartbeat, Duration silentAfter) {
    public static final String DEFAULT_ENGINE = "duckdb";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofMinutes(2);
    /**
     * The shortest heartbeat interval: each beat is a few statements on the shared registry (more on PostgreSQL with
     * many replicas), and a server silent for seconds is not worth failing runs for.
     */
    public static final Duration MIN_HEARTBEAT = Duration.ofSeconds(1);

    public BuildSettings {
        requireNonNull(engine, "engine is null");
        engineProperties = Map.copyOf(requireNonNull(engineProperties, "engineProperties is null"));
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, found " + workers);
        }
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(silentAfter, "silentAfter is null");
        if (heartbeat.compareTo(MIN_HEARTBEAT) < 0) {
            throw new IllegalArgumentException("the heartbeat interval (--heartbeat) must be at least "
                    + human(MIN_HEARTBEAT) + ", found " + human(heartbeat));
        }
        if (silentAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            // a single late heartbeat must not make the other replicas fail this server's runs
            throw new IllegalArgumentException("how long a heartbeat may be missing (--silent-after) must be at least"
                    + " twice the heartbeat interval (--heartbeat, " + human(heartbeat) + "), found " + human(silentAfter));
        }
    }

    /**
     * DuckDB, its default settings, sources under the data directory, no lineage endpoint, the scheduler on, a
     * heartbeat every 10 s, silent after 2 minutes.
     */
    public static BuildSettings defaults() {
        return new BuildSettings(DEFAULT_ENGINE, Map.of(), null, null, true,
                Math.max(2, Runtime.getRuntime().availableProcessors() / 2), DEFAULT_HEARTBEAT, DEFAULT_SILENT_AFTER);
    }

    public BuildSettings withSourcesDir(Path value) {
        return new BuildSettings(engine, engineProperties, value, openLineageUrl, scheduler, workers, heartbeat,
                silentAfter);
    }

    public BuildSettings withOpenLineageUrl(URI value) {
        return new BuildSettings(engine, engineProperties, sourcesDir, value, scheduler, workers, heartbeat, silentAfter);
    }

    public BuildSettings withScheduler(boolean value) {
        return new BuildSettings(engine, engineProperties, sourcesDir, openLineageUrl, value, workers, heartbeat,
                silentAfter);
    }

    public BuildSettings withEngine(String name, Map<String, String> properties) {
        return new BuildSettings(name, properties, sourcesDir, openLineageUrl, scheduler, workers, heartbeat,
                silentAfter);
    }

    /** How often this server's heartbeat is written, and how long it may be missing before its runs are failed. */
    public BuildSettings withLiveness(Duration heartbeatInterval, Duration silentAfterMissing) {
        return new BuildSettings(engine, engineProperties, sourcesDir, openLineageUrl, scheduler, workers,
                heartbeatInterval, silentAfterMissing);
    }

    /** As {@code polder serve} takes it: {@code 10s}, {@code 2m}, {@code 1m30s}. */
    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** Where sources resolve for a server whose data directory is {@code dataDir}. */
    public Path sourcesDir(Path dataDir) {
        return sourcesDir != null ? sourcesDir : dataDir.resolve("sources");
    }
}
