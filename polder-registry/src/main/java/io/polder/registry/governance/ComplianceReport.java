package io.polder.registry.governance;

import java.time.Instant;
import java.util.List;

/**
 * How the registry's current products meet the policies in force: pass rates per domain and per policy, the
 * failures, and the history of recorded evaluations for the trend.
 *
 * @param evaluatedAt when the current products were evaluated: a read serves the latest evaluation again while
 *                    nothing it depends on changed, so this may be earlier than the read
 * @param domain the domain the report is restricted to, or null for the whole mesh
 * @param policySet the digest of the policy set in force ("" when there are no policy files)
 * @param policies how many policies are in force
 * @param total the counts over every product reported
 * @param domains per domain
 * @param policyRates per policy
 * @param failures failed and errored results (at most {@link #MAX_FAILURES}), exempted ones are counted, not listed
 * @param failuresTotal how many there are in all
 * @param history the recorded evaluations, oldest first (at most the last 100): one per apply and per
 *                {@code POST /api/v1/compliance}
 */
public record ComplianceReport(Instant evaluatedAt, String domain, String policySet, int policies, DomainCompliance total,
                               List<DomainCompliance> domains, List<PolicyCompliance> policyRates,
                               List<ComplianceFailure> failures, int failuresTotal, List<ComplianceSnapshot> history) {
    public static final int MAX_FAILURES = 1000;

    public ComplianceReport {
        domains = List.copyOf(domains);
        policyRates = List.copyOf(policyRates);
        failures = List.copyOf(failures);
        history = List.copyOf(history);
    }

    /**
     * Results by outcome.
     *
     * @param passRate passed among passed, failed and errored results (exempted ones are left out); 1 when none
     */
    public record ComplianceCounts(long passed, long failed, long errored, long exempted, double passRate) {
    }

    /** @param domain the domain id ("*" for the total) */
    public record DomainCompliance(String domain, int products, int blockedProducts, ComplianceCounts counts) {
    }

    public record PolicyCompliance(String policy, String severity, int failingProducts, ComplianceCounts counts) {
    }

    /** One failed or errored result, at its place in the product's files. */
    public record ComplianceFailure(String product, String domain, String policy, String severity, String outcome,
                                    String target, String message, String file, int line, int column) {
    }

    /** @param cause {@code apply} or {@code on-demand} */
    public record ComplianceSnapshot(String id, Instant takenAt, String cause, String principal, String policySet,
                                     int products, int blockedProducts, ComplianceCounts counts) {
    }
}
