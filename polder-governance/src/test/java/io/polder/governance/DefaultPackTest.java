package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The example mesh's policy pack passes its own policy tests (what `polder policy test` runs in CI). */
class DefaultPackTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyPolicyTestOfTheExampleMeshPasses() {
        PolicyEngine engine = new PolicyEngine();
        PolicyLoad load = new PolicyLoader(engine).load(ExampleMeshTest.MESH, "examples/mesh");
        assertThat(load.problems()).isEmpty();
        PolicyTestReport report = new PolicyTester(engine, CLOCK).run(load.policySet(), load.tests());
        assertThat(report.failed()).extracting(PolicyTestReport.Case::format).isEmpty();
        assertThat(load.tests()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(report.cases()).hasSizeGreaterThanOrEqualTo(35);
    }

    @Test
    void everyPolicyOfThePackIsTestedForAFailure() {
        PolicyEngine engine = new PolicyEngine();
        PolicyLoad load = new PolicyLoader(engine).load(ExampleMeshTest.MESH, "examples/mesh");
        var failing = load.tests().stream().flatMap(test -> test.expectations().stream())
                .filter(expectation -> expectation.outcome() == PolicyTest.Expected.FAIL)
                .map(PolicyTest.Expectation::policy).distinct().toList();
        assertThat(failing).containsExactlyInAnyOrderElementsOf(load.policySet().policies().stream()
                .map(CompiledPolicy::id).toList());
    }
}
