package io.polder.registry.auth;

import static java.util.Objects.requireNonNull;

/**
 * A token just made, with its secret: the only time the secret exists outside the caller's hands. Show
 * it once; the registry keeps only its hash.
 */
public record CreatedToken(ApiToken token, String secret) {
    public CreatedToken {
        requireNonNull(token, "token is null");
        requireNonNull(secret, "secret is null");
    }

    /** Never the secret: records' default toString would print it into logs. */
    @Override
    public String toString() {
        return "CreatedToken[token=" + token + ", secret=***]";
    }
}
