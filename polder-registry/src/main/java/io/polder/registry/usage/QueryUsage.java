package io.polder.registry.usage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One query through the gateway, run or refused, as the usage log keeps it.
 *
 * @param id time-ordered id (null before it is recorded)
 * @param principal who asked; {@code role} the role they asked in
 * @param outcome succeeded, denied (403) or failed (anything else that stopped it)
 * @param errorCode the {@link io.polder.error.ErrorCode} name of a refusal, or null
 * @param message why it was refused, or null
 * @param sqlSha256 the SQL's SHA-256 (hex); the SQL itself is not kept
 * @param rows the rows returned
 * @param truncated whether the row cap cut the result
 * @param ports the output ports the query read (or named, when it was refused for one of them)
 */
public record QueryUsage(String id, Instant time, String principal, String role, UsageOutcome outcome,
                         String errorCode, String message, String sqlSha256, long rows, boolean truncated,
                         long durationMs, List<PortRead> ports) {
    public QueryUsage {
        requireNonNull(time, "time is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(role, "role is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(sqlSha256, "sqlSha256 is null");
        ports = List.copyOf(ports);
    }

    /** The same usage with the id it was recorded under. */
    QueryUsage withId(String value) {
        return new QueryUsage(value, time, principal, role, outcome, errorCode, message, sqlSha256, rows, truncated,
                durationMs, ports);
    }

    /**
     * An output port one query read.
     *
     * @param majorVersion the port's major version, or null when a refused query named the port without one
     * @param relation the relation as the query named it, such as {@code "sales-orders/orders".orders}
     * @param snapshot the published snapshot read, or null when nothing was read
     * @param grant the grant that allowed it, or null
     * @param columns the columns of the relation the query read
     */
    public record PortRead(String product, String port, Integer majorVersion, String relation, String snapshot,
                           String grant, List<String> columns) {
        public PortRead {
            requireNonNull(product, "product is null");
            requireNonNull(port, "port is null");
            requireNonNull(relation, "relation is null");
            columns = List.copyOf(columns);
        }
    }
}
