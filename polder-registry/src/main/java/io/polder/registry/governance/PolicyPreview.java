package io.polder.registry.governance;

import io.polder.governance.CompiledPolicy;
import io.polder.governance.Policy;
import io.polder.governance.PolicyResult;
import io.polder.governance.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What enabling candidate policies would do to the registry's current products, before they are enabled.
 *
 * @param policySet the digest of the set in force the candidates were added to
 * @param products how many current products were evaluated
 * @param policies per candidate policy, how many products it passes, warns, fails, cannot be evaluated on or
 *                 does not apply to
 * @param affected the products on which some candidate does not pass, with only the candidates' results
 * @param warnings what loading the candidates reported short of an error, as FILE:LINE:COLUMN: message
 * @param outcomes every product evaluated, with each candidate's outcome on it ({@code not-applicable} included)
 */
public record PolicyPreview(String policySet, int products, List<PreviewedPolicy> policies,
                            List<ProductPolicies> affected, List<String> warnings, List<ProductOutcome> outcomes) {
    public PolicyPreview {
        policies = List.copyOf(policies);
        affected = List.copyOf(affected);
        warnings = List.copyOf(warnings);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /**
     * The preview of {@code candidates} from the verdicts of the products evaluated against them.
     *
     * @param inForce the ids of the policies in force (a candidate with one of them replaces it)
     */
    public static PolicyPreview of(String policySet, List<CompiledPolicy> candidates, Set<String> inForce,
                                   List<Verdict> verdicts, List<String> warnings) {
        List<ProductOutcome> outcomes = new ArrayList<>();
        verdicts.forEach(verdict -> outcomes.addAll(outcomes(verdict, candidates)));
        List<PreviewedPolicy> policies = new ArrayList<>();
        for (CompiledPolicy candidate : candidates) {
            policies.add(previewed(candidate.policy(), inForce.contains(candidate.id()), outcomes));
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
        return new PolicyPreview(policySet, verdicts.size(), policies, affected, warnings, outcomes);
    }

    /** Each candidate's outcome on one product; a candidate without a result there did not apply to it. */
    private static List<ProductOutcome> outcomes(Verdict verdict, List<CompiledPolicy> candidates) {
        Map<String, PolicyResult.Reason> notApplicable = new HashMap<>();
        verdict.notApplicable().forEach(result -> notApplicable.putIfAbsent(result.policy().id(), result.reason()));
        List<ProductOutcome> outcomes = new ArrayList<>();
        for (CompiledPolicy candidate : candidates) {
            List<PolicyResult> results = verdict.resultsOf(candidate.id());
            String outcome = results.isEmpty() ? PolicyCheck.NOT_APPLICABLE : Reports.outcome(candidate.policy(), results);
            PolicyResult.Reason reason = notApplicable.get(candidate.id());
            outcomes.add(new ProductOutcome(verdict.product(), verdict.domain(), candidate.id(), outcome,
                    outcome.equals(PolicyCheck.NOT_APPLICABLE) && reason != null
                            ? reason.name().toLowerCase(Locale.ROOT) : null));
        }
        return outcomes;
    }

    private static PreviewedPolicy previewed(Policy policy, boolean replaces, List<ProductOutcome> outcomes) {
        int passing = 0;
        int failing = 0;
        int warning = 0;
        int erroring = 0;
        int exempted = 0;
        int notApplicable = 0;
        for (ProductOutcome outcome : outcomes) {
            if (!outcome.policy().equals(policy.id())) {
                continue;
            }
            switch (outcome.outcome()) {
                case PolicyCheck.PASS -> passing++;
                case PolicyCheck.FAIL -> failing++;
                case PolicyCheck.WARN -> warning++;
                case PolicyCheck.ERROR -> erroring++;
                case PolicyCheck.EXEMPTED -> exempted++;
                case PolicyCheck.NOT_APPLICABLE -> notApplicable++;
                default -> throw new IllegalStateException("unknown outcome " + outcome.outcome());
            }
        }
        return new PreviewedPolicy(policy.id(), policy.version(), policy.scope().toString(),
                Reports.severity(policy.severity()), policy.origin().file(), policy.origin().position().line(), replaces,
                passing, failing, warning, erroring, exempted, notApplicable);
    }

    /**
     * One candidate policy.
     *
     * @param replaces whether a policy with this id is in force (the candidate is its new version)
     * @param passing products it passes
     * @param failing products where it fails and would block (an error-severity policy)
     * @param warning products where it fails without blocking (warning or info)
     * @param erroring products it cannot be evaluated on
     * @param exempted products exempted from it
     * @param notApplicable products it does not apply to: of another domain than its scope, without an instance
     *                      of its target, or excluded by its {@code when}
     */
    public record PreviewedPolicy(String id, String version, String scope, String severity, String file, int line,
                                  boolean replaces, int passing, int failing, int warning, int erroring, int exempted,
                                  int notApplicable) {
    }

    /**
     * One candidate policy on one product.
     *
     * @param outcome {@code pass}, {@code fail}, {@code warn}, {@code error}, {@code exempted} or {@code not-applicable}
     *                (as in {@link PolicyCheck})
     * @param reason why it does not apply: {@code scope} (it governs another domain), {@code target} (the product has
     *               no instance of its target) or {@code when} (its {@code when} excluded every instance); null when
     *               it applies
     */
    public record ProductOutcome(String product, String domain, String policy, String outcome, String reason) {
    }
}
