package io.polder.governance;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs {@code kind: PolicyTest} documents: evaluates the policy set on each test's inline product and checks
 * each expected outcome. What {@code polder policy test} runs in the governance group's CI.
 * <ul>
 *   <li>pass: the policy applied to at least one target and passed on every one it applied to;</li>
 *   <li>fail: it failed on at least one target, and one failure message contains {@code message} if given;</li>
 *   <li>error: it could not be evaluated on at least one target (message likewise);</li>
 *   <li>exempted: it failed on at least one target and an exemption covered every failure;</li>
 *   <li>not-applicable: it applied to no target.</li>
 * </ul>
 * An expectation with a {@code target} looks only at the results on the target of that name.
 */
public final class PolicyTester {
    private final PolicyEngine engine;
    private final Clock clock;

    public PolicyTester(PolicyEngine engine, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public PolicyTestReport run(PolicySet policies, List<PolicyTest> tests) {
        List<PolicyTestReport.Case> cases = new ArrayList<>();
        for (PolicyTest test : tests) {
            Instant now = test.now() != null ? test.now() : clock.instant();
            Verdict verdict = engine.evaluate(policies.withExemptions(test.exemptions()), test.product(), now);
            for (PolicyTest.Expectation expectation : test.expectations()) {
                cases.add(check(policies, test, expectation, verdict));
            }
        }
        return new PolicyTestReport(cases);
    }

    private static PolicyTestReport.Case check(PolicySet policies, PolicyTest test, PolicyTest.Expectation expected,
                                               Verdict verdict) {
        if (policies.policy(expected.policy()).isEmpty()) {
            return new PolicyTestReport.Case(test, expected, false, "no policy `" + expected.policy()
                    + "` is loaded (it is missing, or it was refused: see the problems above)");
        }
        List<PolicyResult> results = verdict.resultsOf(expected.policy()).stream()
                .filter(result -> expected.target() == null || result.target().name().equals(expected.target()))
                .toList();
        String failure = mismatch(expected, results);
        return new PolicyTestReport.Case(test, expected, failure == null, failure == null ? summary(results) : failure);
    }

    /** Why the results do not meet the expectation, or null when they do. */
    private static String mismatch(PolicyTest.Expectation expected, List<PolicyResult> results) {
        long applied = count(results, PolicyResult.Outcome.PASSED) + count(results, PolicyResult.Outcome.FAILED)
                + count(results, PolicyResult.Outcome.ERRORED) + count(results, PolicyResult.Outcome.EXEMPTED);
        boolean met = switch (expected.outcome()) {
            case PASS -> applied > 0 && applied == count(results, PolicyResult.Outcome.PASSED);
            case FAIL -> count(results, PolicyResult.Outcome.FAILED) > 0;
            case ERROR -> count(results, PolicyResult.Outcome.ERRORED) > 0;
            case EXEMPTED -> count(results, PolicyResult.Outcome.EXEMPTED) > 0
                    && count(results, PolicyResult.Outcome.FAILED) == 0;
            case NOT_APPLICABLE -> applied == 0;
        };
        if (!met) {
            return "found " + summary(results);
        }
        if (expected.message() != null && expected.outcome() != PolicyTest.Expected.PASS
                && expected.outcome() != PolicyTest.Expected.NOT_APPLICABLE) {
            List<String> messages = messages(results, expected.outcome());
            if (messages.stream().noneMatch(message -> message.contains(expected.message()))) {
                return "no message contains \"" + expected.message() + "\"; the messages are: "
                        + messages.stream().map(message -> "\"" + message + "\"").collect(Collectors.joining(", "));
            }
        }
        return null;
    }

    private static List<String> messages(List<PolicyResult> results, PolicyTest.Expected outcome) {
        return results.stream().map(result -> switch (result) {
            case PolicyResult.Failed failed when outcome == PolicyTest.Expected.FAIL -> failed.message();
            case PolicyResult.Errored errored when outcome == PolicyTest.Expected.ERROR -> errored.message();
            case PolicyResult.Exempted exempted when outcome == PolicyTest.Expected.EXEMPTED -> exempted.message();
            default -> null;
        }).filter(java.util.Objects::nonNull).toList();
    }

    private static String summary(List<PolicyResult> results) {
        if (results.isEmpty()) {
            return "no result: the policy applied to no target";
        }
        List<String> parts = new ArrayList<>();
        for (PolicyResult.Outcome outcome : PolicyResult.Outcome.values()) {
            long count = count(results, outcome);
            if (count > 0) {
                parts.add(count + " " + outcome.value());
            }
        }
        String failures = results.stream()
                .filter(result -> result instanceof PolicyResult.Failed || result instanceof PolicyResult.Errored)
                .limit(3)
                .map(result -> result.target() + ": " + (result instanceof PolicyResult.Failed failed ? failed.message()
                        : ((PolicyResult.Errored) result).message()))
                .collect(Collectors.joining("; "));
        return String.join(", ", parts) + (failures.isEmpty() ? "" : " (" + failures + ")");
    }

    private static long count(List<PolicyResult> results, PolicyResult.Outcome outcome) {
        return results.stream().filter(result -> result.outcome() == outcome).count();
    }
}
