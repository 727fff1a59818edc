package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One query as a consumer sends it.
 *
 * @param rowCap the most rows to return; more make the result truncated, not an error
 * @param timeout the longest the query may run before it is cancelled
 */
public record QueryRequest(String sql, String principal, long rowCap, Duration timeout) {
    public QueryRequest {
        requireNonNull(sql, "sql is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(timeout, "timeout is null");
        if (rowCap < 0) {
            throw new IllegalArgumentException("the row cap must not be negative, found " + rowCap);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, found " + timeout);
        }
    }
}
