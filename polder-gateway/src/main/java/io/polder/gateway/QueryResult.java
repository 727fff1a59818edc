package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A query the gateway ran: its columns, how many rows went to the sink, whether the row cap cut the result
 * short, how long it took, and the decision for the audit log.
 */
public record QueryResult(List<ResultColumn> columns, long rowCount, boolean truncated, Duration elapsed,
                          QueryDecision decision) {
    public QueryResult {
        columns = List.copyOf(columns);
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(decision, "decision is null");
    }
}
