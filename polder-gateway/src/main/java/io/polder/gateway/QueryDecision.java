package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gateway decided about one query, for the audit and usage logs: who asked, allowed or refused and
 * why, and for each relation read the port, snapshot, masks and row filter that applied.
 *
 * @param sqlSha256 the SQL's SHA-256 (hex), so that the log can tell queries apart without storing them
 * @param reason why it was refused, or empty when allowed
 */
public record QueryDecision(String principal, Instant at, boolean allowed, String reason, String sqlSha256,
                            List<RelationUse> relations) {
    public QueryDecision {
        requireNonNull(principal, "principal is null");
        requireNonNull(at, "at is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(sqlSha256, "sqlSha256 is null");
        relations = List.copyOf(relations);
    }

    /**
     * One relation a query read.
     *
     * @param masks the masked columns and their masks (columns shown as published are not listed)
     * @param rowFilter the grant's row filter, or empty for all rows
     */
    public record RelationUse(String relation, String port, String snapshot, String grant, Map<String, ColumnMask> masks,
                              String rowFilter) {
        public RelationUse {
            masks = Map.copyOf(masks);
        }
    }
}
