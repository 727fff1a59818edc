package io.polder.registry.auth;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.time.Duration;

/**
 * What to create a token for: a name, the role it carries with its scope, and how long it is valid.
 *
 * @param validFor how long from its creation the token works; null for a token that does not expire
 */
public record NewToken(String name, Role role, String domain, String team, Duration validFor) {
    public NewToken {
        Names.requireTokenName(name);
        // The principal's own checks: a domain-owner needs a domain, a member a team, and so on.
        new Principal(name, role, domain, team);
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "a token's validity must be positive, found " + validFor);
        }
    }
}
