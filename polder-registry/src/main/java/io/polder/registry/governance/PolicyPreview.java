package io.polder.registry.governance;

import io.polder.governance.CompiledPolicy;
import io.polder.governance.Policy;
import io.polder.governance.PolicyResult;
import io.polder.governance.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     * The preview of {@code candidates} from the verdicts of the products evaluated against them.
     *
     * @param inForce the ids of the policies in force (a candidate with one of them replaces it)
     */
    public static PolicyPreview of(String policySet, List<CompiledPolicy> candidates, Set<String> inForce,
                                   List<Verdict> verdicts, List<String> warnings) {
        List<PreviewedPolicy> policies = new ArrayList<>();
        for (CompiledPolicy candidate : candidates) {
            policies.add(previewed(candidate.policy(), inForce.contains(candidate.id()), verdicts));
        }
        Set<String> ids = new HashSet<>();
        candidates.forEach(candidate -> ids.add(candidate.id()));
        List<ProductPolicies> affected = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            ProductPolicies product = Reports.of(verdict, false);
            List<PolicyCheck> checks = product.policies().stream().filter(check -> ids.contains(check.policy()))
                    .filter(check -> !check.outcome().equals(PolicyCheck.PASS)
                            && !check.outcome().equals(PolicyCheck.NOT_APPLICABLE)).toList();
            if (!checks.isEmpty()) {
                affected.add(new ProductPolicies(product.product(), product.domain(), product.blocking(), false, checks));
            }
        }
        return new PolicyPreview(policySet, verdicts.size(), policies, affected, warnings);
    }

    private static PreviewedPolicy previewed(Policy policy, boolean replaces, List<Verdict> verdicts) {
        int passing = 0;
        int failing = 0;
        int warning = 0;
        int erroring = 0;
        int exempted = 0;
        for (Verdict verdict : verdicts) {
            List<PolicyResult> results = verdict.resultsOf(policy.id());
            switch (results.isEmpty() ? PolicyCheck.NOT_APPLICABLE : Reports.outcome(policy, results)) {
                case PolicyCheck.FAIL -> failing++;
                case PolicyCheck.WARN -> warning++;
                case PolicyCheck.ERROR -> erroring++;
                case PolicyCheck.EXEMPTED -> exempted++;
                default -> passing++;
            }
        }
        return new PreviewedPolicy(policy.id(), policy.version(), policy.scope().toString(),
                Reports.severity(policy.severity()), policy.origin().file(), policy.origin().position().line(), replaces,
                passing, failing, warning, erroring, exempted);
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
