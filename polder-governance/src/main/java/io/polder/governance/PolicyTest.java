package io.polder.governance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A {@code kind: PolicyTest} document: a product (and its contracts, domain, facts and exemptions) written
 * inline, and the outcome each named policy must have on it. The governance group's CI runs these with
 * {@link PolicyTester}.
 *
 * @param now the moment to evaluate at (for exemptions' expiry), or null for the tester's
 */
public record PolicyTest(String name, String description, Origin origin, Instant now, ProductContext product,
                         List<Exemption> exemptions, List<Expectation> expectations) {
    public PolicyTest {
        requireNonNull(name, "name is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(product, "product is null");
        exemptions = List.copyOf(exemptions);
        expectations = List.copyOf(expectations);
    }

    /** The outcomes a test can expect of a policy. */
    public enum Expected implements io.polder.model.bind.StandardEnum {
        /** It applied and passed on every target it applied to. */
        PASS("pass"),
        /** It failed on at least one target (with the message, if one is given). */
        FAIL("fail"),
        /** It could not be evaluated on at least one target. */
        ERROR("error"),
        /** It failed, and an exemption covered every failure. */
        EXEMPTED("exempted"),
        /** It applied to no target. */
        NOT_APPLICABLE("not-applicable");

        private final String value;

        Expected(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * One expected outcome.
     *
     * @param message a text the failure (or error, or exempted failure) message must contain; null for any
     * @param target only the results on the target of this name (e.g. {@code customers.email}); null for all
     */
    public record Expectation(String policy, Expected outcome, String message, String target, Origin origin) {
        public Expectation {
            requireNonNull(policy, "policy is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(origin, "origin is null");
        }
    }
}
