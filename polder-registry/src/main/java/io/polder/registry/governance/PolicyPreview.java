package io.polder.registry.governance;

import java.util.List;

/**
 * What enabling candidate policies would do to the registry's current products, before they are enabled.
 *
 * @param policySet the digest of the set in force the candidates were added to
 * @param products how many current products were evaluated
 * @param policies per candidate policy, how many products it passes, warns, fails or cannot be evaluated on
 * @param affected the products on which some candidate does not pass, with only the candidates' results
 * @param warnings what loading the candidates reported short of an error, as FILE:LINE:COLUMN: message
 */
public record PolicyPreview(String policySet, int products, List<PreviewedPolicy> policies,
                            List<ProductPolicies> affected, List<String> warnings) {
    public PolicyPreview {
        policies = List.copyOf(policies);
        affected = List.copyOf(affected);
        warnings = List.copyOf(warnings);
    }

    /**
     * One candidate policy.
     *
     * @param replaces whether a policy with this id is in force (the candidate is its new version)
     * @param passing products it passes (or does not apply to)
     * @param failing products where it fails and would block (an error-severity policy)
     * @param warning products where it fails without blocking (warning or info)
     * @param erroring products it cannot be evaluated on
     * @param exempted products exempted from it
     */
    public record PreviewedPolicy(String id, String version, String scope, String severity, String file, int line,
                                  boolean replaces, int passing, int failing, int warning, int erroring, int exempted) {
    }
}
