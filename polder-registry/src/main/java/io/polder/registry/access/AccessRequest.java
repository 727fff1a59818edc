package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A request to read one output port (at every version) of a product, and what became of it.
 *
 * @param durationDays how long a grant made from it lasts, in days; null for a grant without expiry (a
 *                     product's own request for an input it reads)
 * @param unmaskColumns the masked columns the requester asks to see as published
 * @param rowScope which rows the requester needs, in the requester's words (the approver decides the row filter)
 * @param consumerProduct the product whose input port opened the request for its owning team, or null
 * @param inputPort that product's input port, or null
 * @param decidedBy who approved or rejected it ({@code polder} for an auto-approval), or null while pending
 * @param decisionReason the reason given with the decision, or null
 * @param grantId the grant an approval made, or null
 */
public record AccessRequest(String id, String product, String port, GranteeKind granteeKind, String grantee,
                            String purpose, Integer durationDays, List<String> unmaskColumns, String rowScope,
                            String consumerProduct, String inputPort, AccessRequestState state, String requestedBy,
                            Instant requestedAt, String decidedBy, Instant decidedAt, String decisionReason,
                            String grantId) {
    public AccessRequest {
        requireNonNull(id, "id is null");
        requireNonNull(product, "product is null");
        requireNonNull(port, "port is null");
        requireNonNull(granteeKind, "granteeKind is null");
        requireNonNull(grantee, "grantee is null");
        requireNonNull(state, "state is null");
        requireNonNull(requestedAt, "requestedAt is null");
        unmaskColumns = List.copyOf(unmaskColumns);
    }

    /** The port as requests name it: {@code PRODUCT/PORT}. */
    public String address() {
        return product + "/" + port;
    }
}
