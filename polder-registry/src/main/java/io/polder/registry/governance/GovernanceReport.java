package io.polder.registry.governance;

import io.polder.governance.Verdict;
import java.util.List;

/**
 * What the policies said about the products of a plan or an apply: per product, which policies passed,
 * warned, failed, could not be evaluated or were exempted, with their messages; and which products the apply
 * refused (or, in a plan, would refuse) because an error-severity policy fails on them.
 *
 * @param policySet the digest of the policy set evaluated (the bundle's, or the one in force)
 * @param policies how many policies it holds
 * @param products the products evaluated, in the bundle's order
 * @param refused the products refused: they would change, and an error-severity policy fails on them
 */
public record GovernanceReport(String policySet, int policies, List<ProductPolicies> products, List<String> refused) {
    /** No policy was evaluated (a plan from a server without governance). */
    public static final GovernanceReport NONE = new GovernanceReport("", 0, List.of(), List.of());

    public GovernanceReport {
        products = products == null ? List.of() : List.copyOf(products);
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** What the policies said about one product; {@code refused} when the apply refuses it. */
    public static ProductPolicies product(Verdict verdict, boolean refused) {
        return Reports.of(verdict, refused);
    }

    /** Whether an error-severity policy fails on any product evaluated: {@code polder plan} then exits 1. */
    public boolean blocks() {
        return products.stream().anyMatch(ProductPolicies::blocking);
    }

    /** The products some error-severity policy fails on. */
    public List<ProductPolicies> blocked() {
        return products.stream().filter(ProductPolicies::blocking).toList();
    }
}
