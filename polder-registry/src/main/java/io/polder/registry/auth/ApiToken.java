package io.polder.registry.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An API token as the registry keeps it: everything but the secret, of which only a hash is stored.
 *
 * @param expiresAt when it stops working; null if never
 * @param revokedAt when it was revoked; null if it was not
 */
public record ApiToken(String id, String name, Role role, String domain, String team, Instant createdAt,
                       String createdBy, Instant expiresAt, Instant revokedAt) {
    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
    }

    /** Whether the token authenticates at {@code now}: neither revoked nor expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The principal the token stands for. */
    public Principal principal() {
        return new Principal(name, role, domain, team);
    }
}
