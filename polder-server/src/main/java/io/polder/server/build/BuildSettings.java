package io.polder.server.build;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
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
 */
public record BuildSettings(String engine, Map<String, String> engineProperties, Path sourcesDir, URI openLineageUrl,
                            boolean scheduler, int workers) {
    public static final String DEFAULT_ENGINE = "duckdb";

    public BuildSettings {
        requireNonNull(engine, "engine is null");
        engineProperties = Map.copyOf(requireNonNull(engineProperties, "engineProperties is null"));
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, found " + workers);
        }
    }

    /** DuckDB, its default settings, sources under the data directory, no lineage endpoint, the scheduler on. */
    public static BuildSettings defaults() {
        return new BuildSettings(DEFAULT_ENGINE, Map.of(), null, null, true,
                Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
    }

    public BuildSettings withSourcesDir(Path value) {
        return new BuildSettings(engine, engineProperties, value, openLineageUrl, scheduler, workers);
    }

    public BuildSettings withOpenLineageUrl(URI value) {
        return new BuildSettings(engine, engineProperties, sourcesDir, value, scheduler, workers);
    }

    public BuildSettings withScheduler(boolean value) {
        return new BuildSettings(engine, engineProperties, sourcesDir, openLineageUrl, value, workers);
    }

    public BuildSettings withEngine(String name, Map<String, String> properties) {
        return new BuildSettings(name, properties, sourcesDir, openLineageUrl, scheduler, workers);
    }

    /** Where sources resolve for a server whose data directory is {@code dataDir}. */
    public Path sourcesDir(Path dataDir) {
        return sourcesDir != null ? sourcesDir : dataDir.resolve("sources");
    }
}
