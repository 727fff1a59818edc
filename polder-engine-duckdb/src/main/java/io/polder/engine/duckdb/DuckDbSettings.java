package io.polder.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.exceptions.InvalidEngineConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DuckDB engine's settings, read from its {@link EngineConfig}:
 * <pre>
 * memory-limit          2GB    DuckDB's memory_limit, per build or contract run
 * threads               (cores) DuckDB's threads, per build or contract run
 * statement-timeout     30m    the longest any one statement may run
 * temp-directory-limit  20GB   DuckDB's max_temp_directory_size (spilling beyond memory)
 * failed-row-samples    10     rows kept per failed check (0 for none)
 * source-directory      DATA/sources   where relative source paths of polder.yaml resolve
 * lineage-namespace     polder the OpenLineage namespace of the warehouse's datasets
 * parquet-statistics    true   answer null counts from the snapshot's Parquet footers instead of scanning
 * open-sessions-ahead   true   open the next run's (unused) DuckDB session in the background, so a run does not wait
 *                              for DuckDB to start
 * </pre>
 */
public record DuckDbSettings(Path dataDirectory, String memoryLimit, int threads, Duration statementTimeout,
                             String tempDirectoryLimit, int failedRowSamples, Path sourceDirectory,
                             String lineageNamespace, boolean parquetStatistics, boolean openSessionsAhead) {
    static final Set<String> KEYS = Set.of("memory-limit", "threads", "statement-timeout", "temp-directory-limit",
            "failed-row-samples", "source-directory", "lineage-namespace", "parquet-statistics", "open-sessions-ahead");
    private static final Pattern SIZE = Pattern.compile("(?i)^\\d+(\\.\\d+)?\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$");

    public DuckDbSettings {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(sourceDirectory, "sourceDirectory is null");
        checkSize("memory-limit", memoryLimit);
        checkSize("temp-directory-limit", tempDirectoryLimit);
        if (threads < 1) {
            throw new InvalidEngineConfigException("engine setting `threads` must be at least 1, found " + threads);
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new InvalidEngineConfigException("engine setting `statement-timeout` must be positive");
        }
        if (failedRowSamples < 0 || failedRowSamples > 1000) {
            throw new InvalidEngineConfigException("engine setting `failed-row-samples` must be between 0 and 1000");
        }
    }

    public static DuckDbSettings of(EngineConfig config, EngineContext context) {
        config.requireOnly(DuckDbEngineFactory.NAME, KEYS);
        Path data = context.dataDirectory().toAbsolutePath().normalize();
        return new DuckDbSettings(data, config.string("memory-limit", "2GB"),
                config.integer("threads", Runtime.getRuntime().availableProcessors()),
                config.duration("statement-timeout", Duration.ofMinutes(30)),
                config.string("temp-directory-limit", "20GB"), config.integer("failed-row-samples", 10),
                Path.of(config.string("source-directory", data.resolve("sources").toString())).toAbsolutePath().normalize(),
                config.string("lineage-namespace", "polder"), bool(config, "parquet-statistics", true),
                bool(config, "open-sessions-ahead", true));
    }

    private static boolean bool(EngineConfig config, String key, boolean fallback) {
        String value = config.string(key, Boolean.toString(fallback)).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidEngineConfigException("engine setting `" + key + "` must be true or false, found '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static void checkSize(String key, String value) {
        if (value == null || !SIZE.matcher(value.trim()).matches()) {
            throw new InvalidEngineConfigException("engine setting `" + key + "` must be a size such as 2GB or 512MB,"
                    + " found '" + value + "'");
        }
    }
}
