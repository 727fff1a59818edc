package io.polder.governance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Permission for one product not to meet one policy, for a while: a failure of that policy on that product
 * is reported as exempted instead of failed, until {@code expires}; from then on it fails again, by itself.
 *
 * @param scope where it was declared: exemptions in {@code <domain>/policies/} can only exempt from that
 *              domain's policies; only the governance group (the mesh's {@code policies/}) exempts from
 *              global ones
 * @param expires the moment it stops applying (a date means the end of that day, UTC)
 * @param expiresAsWritten the expiry as written, for messages
 */
public record Exemption(String policy, String product, String reason, String approver, Instant expires,
                        String expiresAsWritten, PolicyScope scope, Origin origin) {
    public Exemption {
        requireNonNull(policy, "policy is null");
        requireNonNull(product, "product is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(approver, "approver is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(expiresAsWritten, "expiresAsWritten is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(origin, "origin is null");
    }

    /** Whether it still applies at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }

    /** Whether it may exempt {@code product} from {@code target}, as far as who declared it is concerned. */
    public boolean covers(Policy target, String productId) {
        return policy.equals(target.id()) && product.equals(productId)
                && (scope.isGlobal() || scope.equals(target.scope()));
    }

    @Override
    public String toString() {
        return "exemption of " + product + " from " + policy + " (approved by " + approver + ", until "
                + expiresAsWritten + ", " + origin + ")";
    }
}
