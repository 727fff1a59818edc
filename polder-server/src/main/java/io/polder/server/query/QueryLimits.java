package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the server admits queries, beside the gateway's own maxima ({@link io.polder.gateway.GatewaySettings}:
 * longest SQL, highest row cap, longest timeout, memory per query).
 *
 * @param defaultRowCap the row cap of a request that names none (lowered to the gateway's maximum)
 * @param defaultTimeout the timeout of a request that names none (shortened to the gateway's maximum)
 * @param concurrentQueries how many queries run at once; the server's other requests are not counted
 * @param admissionWait how long a query beyond that waits for a slot before it is refused (503, Retry-After)
 */
public record QueryLimits(long defaultRowCap, Duration defaultTimeout, int concurrentQueries, Duration admissionWait) {
    public QueryLimits {
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(admissionWait, "admissionWait is null");
        if (defaultRowCap < 0 || defaultTimeout.isNegative() || defaultTimeout.isZero() || concurrentQueries < 1
                || admissionWait.isNegative()) {
            throw new IllegalArgumentException("query limits must be positive");
        }
    }

    /** 10,000 rows, 30 seconds, as many queries at once as there are cores (at least 2), 10 seconds' wait. */
    public static QueryLimits defaults() {
        return new QueryLimits(10_000, Duration.ofSeconds(30), Math.max(2, Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(10));
    }

    public QueryLimits withConcurrentQueries(int value) {
        return new QueryLimits(defaultRowCap, defaultTimeout, value, admissionWait);
    }

    public QueryLimits withAdmissionWait(Duration value) {
        return new QueryLimits(defaultRowCap, defaultTimeout, concurrentQueries, value);
    }
}
