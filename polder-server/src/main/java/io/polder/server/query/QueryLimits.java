package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the server admits and bounds queries ({@code polder serve --query-*}). The maxima become the gateway's
 * ({@link io.polder.gateway.GatewaySettings#maxRowCap()}, {@link io.polder.gateway.GatewaySettings#maxTimeout()});
 * its other settings (longest SQL, memory per query) stay its own.
 *
 * @param defaultRowCap the row cap of a request that names none
 * @param defaultTimeout the timeout of a request that names none
 * @param concurrentQueries how many queries run at once; the server's other requests are not counted
 * @param admissionWait how long a query beyond that waits for a slot before it is refused (503, Retry-After)
 * @param maxRowCap the highest row cap a request may ask for (a higher one is refused)
 * @param maxTimeout the longest timeout a request may ask for (a longer one is refused)
 */
public record QueryLimits(long defaultRowCap, Duration defaultTimeout, int concurrentQueries, Duration admissionWait,
                          long maxRowCap, Duration maxTimeout) {
    /** The most queries that may run at once: each holds a DuckDB connection with its own memory. */
    public static final int MAX_CONCURRENT_QUERIES = 256;
    public static final long DEFAULT_ROW_CAP = 10_000;
    public static final long DEFAULT_MAX_ROW_CAP = 1_000_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofMinutes(5);

    /**
     * @throws IllegalArgumentException naming the limit that is out of range (and the {@code polder serve} option
     *         that sets it), with its value
     */
    public QueryLimits {
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(admissionWait, "admissionWait is null");
        requireNonNull(maxTimeout, "maxTimeout is null");
        if (concurrentQueries < 1 || concurrentQueries > MAX_CONCURRENT_QUERIES) {
            throw new IllegalArgumentException("the number of queries that run at once (--query-concurrency) must be between 1 and "
                    + MAX_CONCURRENT_QUERIES + ", found " + concurrentQueries);
        }
        if (maxRowCap < 1) {
            throw new IllegalArgumentException("the highest row cap (--query-max-row-cap) must be at least 1, found " + maxRowCap);
        }
        if (defaultRowCap < 1 || defaultRowCap > maxRowCap) {
            throw new IllegalArgumentException("the default row cap (--query-row-cap) must be between 1 and the highest row cap (--query-max-row-cap, "
                    + maxRowCap + "), found " + defaultRowCap);
        }
        if (maxTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the longest timeout (--query-max-timeout) must be at least 1s, found " + human(maxTimeout));
        }
        if (defaultTimeout.compareTo(Duration.ofSeconds(1)) < 0 || defaultTimeout.compareTo(maxTimeout) > 0) {
            throw new IllegalArgumentException("the default timeout (--query-timeout) must be between 1s and the longest timeout (--query-max-timeout, "
                    + human(maxTimeout) + "), found " + human(defaultTimeout));
        }
        if (admissionWait.isNegative()) {
            throw new IllegalArgumentException("the wait for a query slot must not be negative, found "
                    + human(admissionWait));
        }
    }

    /**
     * 10,000 rows (at most 1,000,000), 30 seconds (at most 5 minutes), as many queries at once as there are cores
     * (at least 2), 10 seconds' wait for a slot.
     */
    public static QueryLimits defaults() {
        return new QueryLimits(DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, defaultConcurrentQueries(), Duration.ofSeconds(10),
                DEFAULT_MAX_ROW_CAP, DEFAULT_MAX_TIMEOUT);
    }

    /** As many as there are cores, at least 2. */
    public static int defaultConcurrentQueries() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public QueryLimits withConcurrentQueries(int value) {
        return new QueryLimits(defaultRowCap, defaultTimeout, value, admissionWait, maxRowCap, maxTimeout);
    }

    public QueryLimits withAdmissionWait(Duration value) {
        return new QueryLimits(defaultRowCap, defaultTimeout, concurrentQueries, value, maxRowCap, maxTimeout);
    }

    /** With a default row cap of {@code defaultValue} and a highest of {@code maxValue}. */
    public QueryLimits withRowCaps(long defaultValue, long maxValue) {
        return new QueryLimits(defaultValue, defaultTimeout, concurrentQueries, admissionWait, maxValue, maxTimeout);
    }

    /** With a default timeout of {@code defaultValue} and a longest of {@code maxValue}. */
    public QueryLimits withTimeouts(Duration defaultValue, Duration maxValue) {
        return new QueryLimits(defaultRowCap, defaultValue, concurrentQueries, admissionWait, maxRowCap, maxValue);
    }

    /** As {@link Duration#toString()} without its {@code PT}, in lower case: {@code 30s}, {@code 5m}, {@code 1h30m}. */
    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
