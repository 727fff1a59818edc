package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The tester reports a wrong expectation at its line, with what was found instead. */
class PolicyTesterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);
    private static final String POLICIES = Fixtures.policy("described", "product",
            "rule: has(product.description)\nmessage: \"{{ product.id }} has no description\"")
            + Fixtures.policy("classified", "property",
            "rule: has(property.classification)\nmessage: \"{{ property.name }} is unclassified\"");

    private static PolicyTestReport run(String tests) {
        PolicyLoad load = Fixtures.load(POLICIES + tests);
        assertThat(load.errors()).isEmpty();
        return new PolicyTester(Fixtures.ENGINE, CLOCK).run(load.policySet(), load.tests());
    }

    private static String test(String expectations) {
        return """
                ---
                apiVersion: polder/v1
                kind: PolicyTest
                name: bare product
                product:
                  apiVersion: v1.0.0
                  kind: DataProduct
                  id: bare
                  status: draft
                contracts:
                  - apiVersion: v3.1.0
                    kind: DataContract
                    id: bare-contract
                    version: 1.0.0
                    status: draft
                    schema:
                      - name: t
                        properties:
                          - name: a
                            classification: internal
                          - name: b
                expect:
                """ + expectations;
    }

    @Test
    void rightExpectationsPass() {
        PolicyTestReport report = run(test("""
                  - policy: described
                    outcome: fail
                    message: bare has no description
                  - policy: classified
                    outcome: fail
                    message: b is unclassified
                  - policy: classified
                    target: t.a
                    outcome: pass
                """));
        assertThat(report.ok()).isTrue();
        assertThat(report.passedCount()).isEqualTo(3);
    }

    @Test
    void wrongExpectationsFailWithWhatWasFound() {
        PolicyTestReport report = run(test("""
                  - policy: described
                    outcome: pass
                  - policy: classified
                    outcome: fail
                    message: a is unclassified
                  - policy: classified
                    target: t.a
                    outcome: not-applicable
                  - policy: missing-policy
                    outcome: pass
                """));
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(Problem::format).containsExactly(
                "policies/test.yaml:41:5: test \"bare product\": policy described expected pass: found 1 failed"
                        + " (product bare: bare has no description)",
                "policies/test.yaml:43:5: test \"bare product\": policy classified expected fail: no message contains"
                        + " \"a is unclassified\"; the messages are: \"b is unclassified\"",
                "policies/test.yaml:46:5: test \"bare product\": policy classified expected not-applicable: found 1 passed",
                "policies/test.yaml:49:5: test \"bare product\": policy missing-policy expected pass: no policy"
                        + " `missing-policy` is loaded (it is missing, or it was refused: see the problems above)");
    }

    @Test
    void anInvalidInlineProductIsReportedInTheTestFile() {
        PolicyLoad load = Fixtures.load(POLICIES + """
                ---
                apiVersion: polder/v1
                kind: PolicyTest
                name: broken
                product:
                  apiVersion: v1.0.0
                  kind: DataProduct
                  status: draft
                  colour: blue
                expect:
                  - policy: described
                    outcome: pass
                """);
        assertThat(load.errors()).extracting(Problem::format).containsExactly(
                "policies/test.yaml:24:3: missing required field `id` (at /product)",
                "policies/test.yaml:27:3: unknown field `colour` (at /product/colour)");
        assertThat(load.tests()).isEmpty();
    }

    @Test
    void aTestNeedsExpectations() {
        PolicyLoad load = Fixtures.load("""
                apiVersion: polder/v1
                kind: PolicyTest
                name: nothing expected
                product: {apiVersion: v1.0.0, kind: DataProduct, id: x, status: draft}
                expect: []
                """);
        assertThat(load.errors()).extracting(Problem::message)
                .containsExactly("`expect` is empty: name at least one policy and the outcome it must have");
    }
}
