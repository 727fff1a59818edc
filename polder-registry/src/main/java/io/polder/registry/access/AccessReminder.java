package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the owners of a port are told about one of its grants: that it expires soon ({@code kind}
 * {@code expiring}, at most once per grant).
 */
public record AccessReminder(String grantId, String kind, String product, String port, GranteeKind granteeKind,
                             String grantee, Instant expiresAt, Instant createdAt) {
    public AccessReminder {
        requireNonNull(grantId, "grantId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
