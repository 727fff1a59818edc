package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import java.util.List;

/**
 * What loading policy files gave: the policies that compiled and the exemptions that were valid, as a
 * {@link PolicySet}; the policy tests found; and every problem, each naming file, line and column. A policy
 * or exemption with an error is left out of the set; the rest still load, so one broken file does not stop
 * the others (but a plan should refuse to go on while {@link #hasErrors()}).
 */
public record PolicyLoad(PolicySet policySet, List<PolicyTest> tests, List<Problem> problems) {
    public PolicyLoad {
        requireNonNull(policySet, "policySet is null");
        tests = List.copyOf(tests);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }
}
