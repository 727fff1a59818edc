package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.gateway.GrantedRelation;
import io.polder.gateway.QueryDecision;
import io.polder.registry.auth.Principal;
import java.util.Map;

/**
 * One query's decision and what it did, on its way to the audit and usage logs.
 *
 * @param sql the query's text, to work out the columns it read (not stored)
 * @param code the refusal's code, or null when the query ran
 * @param details the refusal's details (such as the port a query was refused for), or empty
 * @param relations the principal's granted relations by SQL name, to find the columns of those the query read
 * @param usage whether the query counts as usage (a describe, for a Flight SQL prepare, is audited only)
 */
record QueryRecord(Principal principal, String sql, QueryDecision decision, ErrorCode code, Map<String, Object> details,
                   long rows, boolean truncated, long durationMs, Map<String, GrantedRelation> relations, boolean usage) {
    QueryRecord {
        requireNonNull(principal, "principal is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(decision, "decision is null");
        details = details == null ? Map.of() : details;
        relations = relations == null ? Map.of() : relations;
    }
}
