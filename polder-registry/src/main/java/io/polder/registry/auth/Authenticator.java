package io.polder.registry.auth;

import java.util.Optional;

/**
 * Turns the credentials a caller presented into a {@link Principal}. API tokens are one implementation
 * ({@link TokenService}); an OIDC JWT verifier is another to come. The server tries its authenticators
 * in order and answers 401 when none recognises the credentials.
 */
public interface Authenticator {

    /**
     * The principal {@code credentials} (the value after {@code Bearer }) stand for, or empty when they are
     * not valid here: unknown, malformed, expired or revoked. Never throws for bad input.
     */
    Optional<Principal> authenticate(String credentials);
}
