package io.polder.registry.governance;

import java.util.List;

/**
 * The policies evaluated on one product.
 *
 * @param blocking whether an error-severity policy fails (or cannot be evaluated) on it, no exemption covering it
 * @param refused whether the apply refused it (or, in a plan, would): it blocks and it would change
 * @param policies one entry per policy that applied, in policy order
 */
public record ProductPolicies(String product, String domain, boolean blocking, boolean refused,
                              List<PolicyCheck> policies) {
    public ProductPolicies {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** The entries whose outcome is {@code outcome} ({@link PolicyCheck#FAIL}, ...). */
    public List<PolicyCheck> withOutcome(String outcome) {
        return policies.stream().filter(check -> check.outcome().equals(outcome)).toList();
    }
}
