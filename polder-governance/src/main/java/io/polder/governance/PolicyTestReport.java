package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import java.util.List;

/** The outcome of running policy tests: one case per expectation, each passed or failed with the reason. */
public record PolicyTestReport(List<Case> cases) {
    public PolicyTestReport {
        cases = List.copyOf(cases);
    }

    /**
     * One expectation of one test.
     *
     * @param detail what was found: on a failed case, why it failed; on a passed one, a short summary
     */
    public record Case(PolicyTest test, PolicyTest.Expectation expectation, boolean passed, String detail) {
        public Case {
            requireNonNull(test, "test is null");
            requireNonNull(expectation, "expectation is null");
            requireNonNull(detail, "detail is null");
        }

        /** {@code FILE:LINE:COLUMN: test "name": policy id: expected fail, ...}, at the expectation's line. */
        public String format() {
            Origin at = expectation.origin();
            return at + ": " + (passed ? "ok" : "FAILED") + " test \"" + test.name() + "\": policy "
                    + expectation.policy() + " expected " + expectation.outcome() + (passed ? "" : ": " + detail);
        }
    }

    public boolean ok() {
        return cases.stream().allMatch(Case::passed);
    }

    public List<Case> failed() {
        return cases.stream().filter(testCase -> !testCase.passed()).toList();
    }

    public long passedCount() {
        return cases.stream().filter(Case::passed).count();
    }

    /** The failed cases as problems at their expectation's line, the form Polder's tools print. */
    public List<Problem> problems() {
        return failed().stream().map(testCase -> Problem.error(testCase.expectation().origin().file(),
                testCase.expectation().origin().position(), "", "test \"" + testCase.test().name() + "\": policy "
                        + testCase.expectation().policy() + " expected " + testCase.expectation().outcome() + ": "
                        + testCase.detail())).toList();
    }
}
