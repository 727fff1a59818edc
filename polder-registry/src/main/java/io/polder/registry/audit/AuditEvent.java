package io.polder.registry.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of the audit log.
 *
 * @param id time-ordered id; ids sort in the order events were recorded by one process
 * @param principal the name of who acted
 * @param role the role they acted in (null when it is not known, for example for a rejected token)
 * @param action an {@link io.polder.registry.auth.Action} spelling, such as {@code apply-product}
 * @param target what was acted on, such as {@code product/sales-orders} or {@code token/01j...}
 * @param details what else is worth knowing: versions, the reason of a refusal
 */
public record AuditEvent(String id, Instant time, String principal, String role, String action, String target,
                         AuditOutcome outcome, Map<String, String> details) {
    public AuditEvent {
        requireNonNull(id, "id is null");
        requireNonNull(time, "time is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(target, "target is null");
        requireNonNull(outcome, "outcome is null");
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(details, "details is null")));
    }
}
