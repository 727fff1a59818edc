package io.polder.server.query;

import io.polder.gateway.RelationName;
import io.polder.registry.access.AccessService;
import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.auth.Principal;
import java.time.Instant;

/**
 * Where the grants of a principal come from: the registry's access service in the server. Asked for each query,
 * so a revocation takes effect on the next query.
 */
@FunctionalInterface
public interface GrantSource {
    /** The grants {@code principal} holds at {@code now} (active) and those that lapsed (expired, revoked). */
    GrantSet grantsFor(Principal principal, Instant now);

    /**
     * {@link #grantsFor} for one port only, {@code PRODUCT/PORT}, the port's name compared ignoring ASCII case:
     * what a query naming the port needs. The registry's source reads that port's grants alone, at a cost that
     * does not grow with the principal's other grants; this default filters {@link #grantsFor}.
     */
    default GrantSet grantsOn(Principal principal, Instant now, String product, String port) {
        GrantSet all = grantsFor(principal, now);
        java.util.function.Predicate<Grant> onPort = grant -> grant.product().equals(product)
                && RelationName.asciiLower(grant.port()).equals(RelationName.asciiLower(port));
        return new GrantSet(all.active().stream().filter(onPort).toList(), all.lapsed().stream().filter(onPort).toList());
    }

    /** The registry's grants. */
    static GrantSource of(AccessService access) {
        return new GrantSource() {
            @Override
            public GrantSet grantsFor(Principal principal, Instant now) {
                return access.grantsFor(principal, now);
            }

            @Override
            public GrantSet grantsOn(Principal principal, Instant now, String product, String port) {
                return access.grantsFor(principal, now, product, port);
            }
        };
    }
}
