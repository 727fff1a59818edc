package io.polder.governance;

import static java.util.Objects.requireNonNull;

/**
 * The result of one policy on one target instance. Exactly one of: it passed, it failed (with the rendered
 * message), it could not be evaluated (a runtime error or a limit), it failed but an exemption covers it,
 * or it did not apply.
 */
public sealed interface PolicyResult permits PolicyResult.Passed, PolicyResult.Failed, PolicyResult.Errored,
        PolicyResult.Exempted, PolicyResult.NotApplicable {

    Policy policy();

    Target target();

    Outcome outcome();

    /** The kinds of result, for counting and for JSON. */
    enum Outcome {
        PASSED, FAILED, ERRORED, EXEMPTED, NOT_APPLICABLE;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What stopped an evaluation. */
    enum ErrorKind {
        /** The expression failed at run time: an absent field read without has(), a bad argument, ... */
        RUNTIME,
        /** The expression ran over the iteration budget or the time limit and was stopped. */
        LIMIT
    }

    /** Why a policy did not apply. */
    enum Reason {
        /** The policy governs another domain. */
        SCOPE,
        /** The product has no instance of the policy's target (no output port, no contract, ...). */
        TARGET,
        /** Its {@code when} was false for this instance. */
        WHEN
    }

    record Passed(Policy policy, Target target) implements PolicyResult {
        @Override
        public Outcome outcome() {
            return Outcome.PASSED;
        }
    }

    /** The rule was false; {@code message} is the policy's message rendered for this instance. */
    record Failed(Policy policy, Target target, String message) implements PolicyResult {
        public Failed {
            requireNonNull(message, "message is null");
        }

        public PolicySeverity severity() {
            return policy.severity();
        }

        @Override
        public Outcome outcome() {
            return Outcome.FAILED;
        }
    }

    record Errored(Policy policy, Target target, ErrorKind kind, String message) implements PolicyResult {
        public Errored {
            requireNonNull(kind, "kind is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public Outcome outcome() {
            return Outcome.ERRORED;
        }
    }

    /** The rule failed (or could not be evaluated), and {@code exemption} covers it; {@code message} says what failed. */
    record Exempted(Policy policy, Target target, Exemption exemption, String message) implements PolicyResult {
        public Exempted {
            requireNonNull(exemption, "exemption is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public Outcome outcome() {
            return Outcome.EXEMPTED;
        }
    }

    record NotApplicable(Policy policy, Target target, Reason reason) implements PolicyResult {
        public NotApplicable {
            requireNonNull(reason, "reason is null");
        }

        @Override
        public Outcome outcome() {
            return Outcome.NOT_APPLICABLE;
        }
    }
}
