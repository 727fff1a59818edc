package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The right to read one output port (at every version) of a product, as the gateway enforces it on every
 * query: which columns the grant unmasks, which rows it shows, and until when.
 *
 * @param id the grant's id; {@code owner:PRODUCT/PORT} for the implicit access of a product's owners
 * @param unmaskedColumns the columns shown as published although the contract's classification masks them
 * @param rowFilter a boolean SQL expression over the port's columns, or null for every row
 * @param expiresAt when the grant lapses by itself, or null for never
 * @param revokedAt when it was revoked, or null
 * @param requestId the access request the grant answers, or null for implicit owner access
 */
public record Grant(String id, String product, String port, GranteeKind granteeKind, String grantee,
                    String purpose, List<String> unmaskedColumns, String rowFilter, Instant grantedAt,
                    Instant expiresAt, Instant revokedAt, String requestId, String grantedBy) {
    public Grant {
        requireNonNull(id, "id is null");
        requireNonNull(product, "product is null");
        requireNonNull(port, "port is null");
        requireNonNull(granteeKind, "granteeKind is null");
        requireNonNull(grantee, "grantee is null");
        requireNonNull(grantedAt, "grantedAt is null");
        unmaskedColumns = List.copyOf(unmaskedColumns);
    }

    /** True when the grant no longer works at {@code now}: revoked, or past its expiry. */
    public boolean lapsedAt(Instant now) {
        return revokedAt != null || (expiresAt != null && !now.isBefore(expiresAt));
    }
}
