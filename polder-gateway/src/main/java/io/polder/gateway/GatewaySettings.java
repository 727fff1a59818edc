package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the gateway runs queries.
 *
 * @param maxSqlLength the longest SQL text accepted, in characters (longer is refused before parsing)
 * @param maxRowCap the highest row cap a request may ask for (a higher one is lowered to it)
 * @param maxTimeout the longest timeout a request may ask for (a longer one is shortened to it)
 * @param memoryLimit DuckDB's memory_limit for one query, such as {@code 2GB}
 * @param threads DuckDB's threads for one query
 * @param tempDirectory where a query may spill (each query gets its own folder below it)
 * @param tempDirectoryLimit the most one query may spill, such as {@code 10GB}
 * @param maskKey the secret key of {@link ColumnMask#HASH}, at least 16 bytes; keep it stable, or hashed
 *                values stop matching across queries
 */
public record GatewaySettings(int maxSqlLength, long maxRowCap, Duration maxTimeout, String memoryLimit, int threads,
                              Path tempDirectory, String tempDirectoryLimit, byte[] maskKey) {
    public static final int DEFAULT_MAX_SQL_LENGTH = 256 * 1024;

    public GatewaySettings {
        requireNonNull(maxTimeout, "maxTimeout is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(tempDirectory, "tempDirectory is null");
        requireNonNull(tempDirectoryLimit, "tempDirectoryLimit is null");
        requireNonNull(maskKey, "maskKey is null");
        if (maxSqlLength < 1 || maxRowCap < 0 || threads < 1 || maxTimeout.isNegative() || maxTimeout.isZero()) {
            throw new IllegalArgumentException("gateway limits must be positive");
        }
        if (maskKey.length < 16) {
            throw new IllegalArgumentException("the mask key must have at least 16 bytes, found " + maskKey.length);
        }
        maskKey = maskKey.clone();
    }

    /** 256 KiB of SQL, 1,000,000 rows, 5 minutes, 2GB of memory and 10GB of spill, all cores. */
    public static GatewaySettings defaults(Path tempDirectory, byte[] maskKey) {
        return new GatewaySettings(DEFAULT_MAX_SQL_LENGTH, 1_000_000, Duration.ofMinutes(5), "2GB",
                Runtime.getRuntime().availableProcessors(), tempDirectory, "10GB", maskKey);
    }

    @Override
    public byte[] maskKey() {
        return maskKey.clone();
    }
}
