package io.polder.web.session;

import static java.util.Objects.requireNonNull;

import io.polder.registry.auth.Principal;
import java.time.Instant;

/**
 * A signed-in browser: who it is (the principal of the token it signed in with), the token's id (never its
 * secret), the form token every change must send back, and when it was opened and last used.
 */
public final class Session {
    private final String id;
    private final Principal principal;
    private final String tokenId;
    private final String csrfToken;
    private final Instant openedAt;
    private volatile Instant lastSeen;

    Session(String id, Principal principal, String tokenId, String csrfToken, Instant openedAt) {
        this.id = requireNonNull(id, "id is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.tokenId = requireNonNull(tokenId, "tokenId is null");
        this.csrfToken = requireNonNull(csrfToken, "csrfToken is null");
        this.openedAt = requireNonNull(openedAt, "openedAt is null");
        this.lastSeen = openedAt;
    }

    /** The opaque id the session cookie carries. */
    String id() {
        return id;
    }

    public Principal principal() {
        return principal;
    }

    String tokenId() {
        return tokenId;
    }

    /** The token every form of this session carries, checked on every change (CSRF). */
    public String csrfToken() {
        return csrfToken;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }
}
