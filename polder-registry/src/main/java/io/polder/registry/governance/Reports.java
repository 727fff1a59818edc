package io.polder.registry.governance;

import io.polder.governance.Policy;
import io.polder.governance.PolicyResult;
import io.polder.governance.PolicySeverity;
import io.polder.governance.Verdict;
import io.polder.model.source.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the governance library's verdicts into the records the API and the command line show. */
final class Reports {
    private Reports() {
    }

    /** @param refused whether the product is refused (it blocks and would change) */
    static ProductPolicies of(Verdict verdict, boolean refused) {
        Map<String, List<PolicyResult>> byPolicy = new LinkedHashMap<>();
        verdict.results().forEach(result -> byPolicy.computeIfAbsent(result.policy().id(), id -> new ArrayList<>())
                .add(result));
        List<PolicyCheck> checks = new ArrayList<>();
        byPolicy.values().forEach(results -> checks.add(check(verdict, results)));
        return new ProductPolicies(verdict.product(), verdict.domain(), verdict.blocks(), refused, checks);
    }

    private static PolicyCheck check(Verdict verdict, List<PolicyResult> results) {
        Policy policy = results.getFirst().policy();
        List<PolicyCheck.Finding> findings = new ArrayList<>();
        for (PolicyResult result : results) {
            String message = switch (result) {
                case PolicyResult.Failed failed -> failed.message();
                case PolicyResult.Errored errored -> brokenPolicy(errored);
                case PolicyResult.Exempted exempted -> exempted.message();
                default -> null;
            };
            if (message != null) {
                Position at = verdict.position(result.target()).orElse(null);
                String exemption = result instanceof PolicyResult.Exempted exempted ? exempted.exemption().toString() : null;
                findings.add(new PolicyCheck.Finding(result.outcome().value(), result.target().toString(), message,
                        result.target().file(), at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                        result.target().pointer(), exemption));
            }
        }
        return new PolicyCheck(policy.id(), severity(policy.severity()), outcome(policy, results), findings);
    }

    /**
     * What a product reads when a policy cannot be evaluated on it: that the policy is at fault (where it is
     * declared), not necessarily the product.
     */
    static String brokenPolicy(PolicyResult.Errored errored) {
        String why = errored.kind() == PolicyResult.ErrorKind.LIMIT ? "it ran over its evaluation limit" : "it failed";
        return "policy " + errored.policy().id() + " could not be evaluated on this " + errored.target().kind().value().replace('-', ' ') + " (" + why + ": " + errored.message()
                + "); the policy at " + errored.policy().origin() + " must be fixed, or the product exempted";
    }

    static String outcome(Policy policy, List<PolicyResult> results) {
        boolean failed = false;
        boolean errored = false;
        boolean exempted = false;
        boolean passed = false;
        for (PolicyResult result : results) {
            switch (result.outcome()) {
                case FAILED -> failed = true;
                case ERRORED -> errored = true;
                case EXEMPTED -> exempted = true;
                case PASSED -> passed = true;
                case NOT_APPLICABLE -> { }
            }
        }
        if (failed) {
            return policy.severity() == PolicySeverity.ERROR ? PolicyCheck.FAIL : PolicyCheck.WARN;
        }
        return errored ? PolicyCheck.ERROR : exempted ? PolicyCheck.EXEMPTED : passed ? PolicyCheck.PASS
                : PolicyCheck.NOT_APPLICABLE;
    }

    static String severity(PolicySeverity severity) {
        return severity.value();
    }
}
