package io.polder.server.query;

import io.polder.registry.access.GrantSet;
import io.polder.registry.auth.Principal;
import java.time.Instant;

/**
 * Where the grants of a principal come from: the registry's access service in the server, a fixed set in a
 * test. Asked once per query, so a revocation takes effect on the next query.
 */
@FunctionalInterface
public interface GrantSource {
    /** The grants {@code principal} holds at {@code now} (active) and those that lapsed (expired, revoked). */
    GrantSet grantsFor(Principal principal, Instant now);
}
