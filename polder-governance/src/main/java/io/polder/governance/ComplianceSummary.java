package io.polder.governance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How compliant a set of products is, per domain and per policy: what {@code polder compliance} and
 * {@code GET /api/v1/compliance} show. Built from verdicts; a caller keeps one per run for the trend.
 *
 * @param failures every failed or errored result, in verdict order
 */
public record ComplianceSummary(List<DomainCompliance> domains, List<PolicyCompliance> policies,
                                List<PolicyResult> failures) {
    public ComplianceSummary {
        domains = List.copyOf(domains);
        policies = List.copyOf(policies);
        failures = List.copyOf(failures);
    }

    /** Results by outcome; exempted results are counted apart, neither passed nor failed. */
    public record Counts(long passed, long failed, long errored, long exempted) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(PolicyResult result) {
            return switch (result.outcome()) {
                case PASSED -> new Counts(passed + 1, failed, errored, exempted);
                case FAILED -> new Counts(passed, failed + 1, errored, exempted);
                case ERRORED -> new Counts(passed, failed, errored + 1, exempted);
                case EXEMPTED -> new Counts(passed, failed, errored, exempted + 1);
                case NOT_APPLICABLE -> this;
            };
        }

        /** Passed results among those that passed, failed or could not be evaluated; 1 when there were none. */
        public double passRate() {
            long decided = passed + failed + errored;
            return decided == 0 ? 1.0 : (double) passed / decided;
        }
    }

    /** @param blockedProducts the products whose verdict blocks */
    public record DomainCompliance(String domain, int products, int blockedProducts, Counts counts) {
    }

    public record PolicyCompliance(String policy, PolicySeverity severity, Counts counts, int failingProducts) {
    }

    public static ComplianceSummary of(List<Verdict> verdicts) {
        Map<String, DomainCompliance> domains = new LinkedHashMap<>();
        Map<String, PolicyCompliance> policies = new LinkedHashMap<>();
        List<PolicyResult> failures = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            DomainCompliance domain = domains.getOrDefault(verdict.domain(),
                    new DomainCompliance(verdict.domain(), 0, 0, Counts.NONE));
            Counts counts = domain.counts();
            Map<String, Boolean> failedHere = new LinkedHashMap<>();
            for (PolicyResult result : verdict.results()) {
                counts = counts.plus(result);
                PolicyCompliance policy = policies.getOrDefault(result.policy().id(), new PolicyCompliance(
                        result.policy().id(), result.policy().severity(), Counts.NONE, 0));
                policies.put(policy.policy(), new PolicyCompliance(policy.policy(), policy.severity(),
                        policy.counts().plus(result), policy.failingProducts()));
                if (result instanceof PolicyResult.Failed || result instanceof PolicyResult.Errored) {
                    failures.add(result);
                    failedHere.put(result.policy().id(), true);
                }
            }
            failedHere.keySet().forEach(id -> policies.computeIfPresent(id, (key, policy) -> new PolicyCompliance(
                    policy.policy(), policy.severity(), policy.counts(), policy.failingProducts() + 1)));
            domains.put(domain.domain(), new DomainCompliance(domain.domain(), domain.products() + 1,
                    domain.blockedProducts() + (verdict.blocks() ? 1 : 0), counts));
        }
        return new ComplianceSummary(new ArrayList<>(domains.values()), new ArrayList<>(policies.values()), failures);
    }

    /** The summary of one domain's products only. */
    public static ComplianceSummary ofDomain(List<Verdict> verdicts, String domain) {
        return of(verdicts.stream().filter(verdict -> Objects.equals(verdict.domain(), domain)).toList());
    }
}
