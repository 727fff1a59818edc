package io.polder.governance;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import io.polder.model.odps.DataProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a policy set on one product. Each CEL value (the product, each contract, ...) is built once per
 * product and shared by every policy; a {@code when} that reads only the product is evaluated once, not
 * once per instance; a policy whose guard rejects the product costs nothing. Every evaluation runs under
 * the iteration budget and a deadline, and whatever goes wrong in one becomes that policy's error result.
 */
final class Evaluator {
    private static final String DEPENDENCIES_FACT = "facts.dependencies";
    private static final Pattern LOCATED = Pattern.compile("(?s)evaluation error at <input>:(\\d+): (.*)");
    private final CelModel model;
    private final EngineOptions options;

    Evaluator(CelModel model, EngineOptions options) {
        this.model = model;
        this.options = options;
    }

    Verdict evaluate(PolicySet set, ProductContext context, Instant now) {
        Run run = new Run(set, context, now);
        for (CompiledPolicy policy : set.candidates(context.product())) {
            run.apply(policy);
        }
        return new Verdict(context, set, run.results);
    }

    /** An evaluation's outcome before it becomes a result: true, false, or why it could not be computed. */
    private record Failure(PolicyResult.ErrorKind kind, String message) {
    }

    /** The evaluation of one product: its CEL values, built as policies first need them. */
    private final class Run {
        private final PolicySet set;
        private final ProductContext context;
        private final DataProduct product;
        private final Instant now;
        private final Targets targets;
        private final Deadline deadline = new Deadline(options.evaluationTimeout().toNanos());
        final List<PolicyResult> results = new ArrayList<>();

        Run(PolicySet set, ProductContext context, Instant now) {
            this.set = set;
            this.context = context;
            this.product = context.product();
            this.now = now;
            this.targets = new Targets(model, context, now);
        }

        void apply(CompiledPolicy compiled) {
            CompiledPolicy.Expressions expressions = compiled.expressions();
            if (!expressions.guard().test().test(product)) {
                return; // not applicable by its when; the verdict lists it without anyone evaluating anything
            }
            List<Targets.Instance> instances = targets.of(compiled.policy().target());
            if (instances.isEmpty()) {
                return;
            }
            Policy policy = compiled.policy();
            if (expressions.when() != null && expressions.whenReadsProductOnly()) {
                Object applies = evaluate(expressions.when(), targets.productInstance().variables());
                if (applies != Boolean.TRUE) {
                    results.add(notApplicableOrError(policy, targets.productInstance().target(), applies));
                    return;
                }
            }
            for (Targets.Instance instance : instances) {
                applyTo(compiled, instance);
            }
        }

        private void applyTo(CompiledPolicy compiled, Targets.Instance instance) {
            CompiledPolicy.Expressions expressions = compiled.expressions();
            Policy policy = compiled.policy();
            if (expressions.when() != null && !expressions.whenReadsProductOnly()) {
                Object applies = evaluate(expressions.when(), instance.variables());
                if (applies != Boolean.TRUE) {
                    results.add(notApplicableOrError(policy, instance.target(), applies));
                    return;
                }
            }
            Object complies = evaluate(expressions.rule(), instance.variables());
            if (complies == Boolean.TRUE) {
                results.add(new PolicyResult.Passed(policy, instance.target()));
            } else if (complies == Boolean.FALSE) {
                String message = expressions.message().render(program -> trace(program, instance.variables()));
                Target target = concernedInputPort(compiled, instance).orElse(instance.target());
                results.add(exemptedOr(policy, target, message,
                        new PolicyResult.Failed(policy, target, withExpiredExemption(policy, message))));
            } else {
                Failure failure = (Failure) complies;
                String message = "rule " + failure.message();
                results.add(exemptedOr(policy, instance.target(), "could not be evaluated: " + message,
                        new PolicyResult.Errored(policy, instance.target(), failure.kind(), message)));
            }
        }

        /**
         * For a product policy about its dependencies that failed: the first input port whose dependency alone makes
         * the rule fail, so that the finding points at that port's line rather than at the product. Empty when the
         * rule does not read {@code facts.dependencies}, or no single dependency fails it (a rule about their count).
         */
        private Optional<Target> concernedInputPort(CompiledPolicy compiled, Targets.Instance instance) {
            if (instance.target().kind() != PolicyTarget.PRODUCT
                    || !compiled.policy().rule().contains(DEPENDENCIES_FACT)
                    // a rule that fails with no dependency at all (one that needs some) is about the product
                    || evaluate(compiled.expressions().rule(), targets.withoutDependencies().variables()) != Boolean.TRUE) {
                return Optional.empty();
            }
            for (Dependency dependency : context.facts().dependencies()) {
                Optional<Targets.Instance> port = targets.throughInputPort(dependency);
                if (port.isPresent() && evaluate(compiled.expressions().rule(), port.get().variables()) == Boolean.FALSE) {
                    return Optional.of(port.get().target());
                }
            }
            return Optional.empty();
        }

        private PolicyResult notApplicableOrError(Policy policy, Target target, Object applies) {
            if (applies == Boolean.FALSE) {
                return new PolicyResult.NotApplicable(policy, target, PolicyResult.Reason.WHEN);
            }
            Failure failure = (Failure) applies;
            return new PolicyResult.Errored(policy, target, failure.kind(), "`when` " + failure.message());
        }

        private PolicyResult exemptedOr(Policy policy, Target target, String message, PolicyResult otherwise) {
            Optional<Exemption> exemption = set.activeExemption(policy, context.productId(), now);
            return exemption.<PolicyResult>map(active -> new PolicyResult.Exempted(policy, target, active, message))
                    .orElse(otherwise);
        }

        private String withExpiredExemption(Policy policy, String message) {
            return set.expiredExemption(policy, context.productId(), now)
                    .map(expired -> message + " (the exemption at " + expired.origin() + " expired on "
                            + expired.expiresAsWritten() + ")")
                    .orElse(message);
        }

        /** Boolean.TRUE, Boolean.FALSE or a {@link Failure}. */
        private Object evaluate(CelRuntime.Program program, CelVariableResolver variables) {
            Object value;
            try {
                value = trace(program, variables);
            } catch (CelEvaluationException e) {
                return deadline.expired() ? timedOut() : failure(e);
            } catch (RuntimeException | StackOverflowError e) {
                return deadline.expired() || Deadline.causedBy(e) ? timedOut()
                        : new Failure(PolicyResult.ErrorKind.RUNTIME, "failed: " + e);
            }
            if (deadline.expired()) {
                return timedOut(); // CEL's && and || absorb errors: what it returned may rest on a stopped part
            }
            if (value instanceof Boolean bool) {
                return bool;
            }
            return new Failure(PolicyResult.ErrorKind.RUNTIME, "returned " + MessageTemplate.format(value)
                    + " (" + (value == null ? "null" : value.getClass().getSimpleName()) + "), not a bool");
        }

        private Object trace(CelRuntime.Program program, CelVariableResolver variables) throws CelEvaluationException {
            deadline.start();
            return program.trace(variables, deadline);
        }

        private Failure failure(CelEvaluationException e) {
            if (Deadline.causedBy(e)) {
                return timedOut();
            }
            // CEL says "evaluation error at <input>:19: ...": say which character of the expression instead
            Matcher located = LOCATED.matcher(String.valueOf(e.getMessage()));
            String message = located.matches() ? located.group(2) : String.valueOf(e.getMessage());
            String where = located.matches() ? " (at character " + located.group(1) + ")" : "";
            if (message.contains("Iteration budget exceeded")) {
                return new Failure(PolicyResult.ErrorKind.LIMIT, "was stopped: it ran over the budget of "
                        + options.iterationBudget() + " comprehension iterations" + where);
            }
            if (message.contains("is absent") || message.contains("not present in map")) {
                return new Failure(PolicyResult.ErrorKind.RUNTIME, "failed: " + message + where
                        + "; test optional fields with has() first, e.g. has(product.description) && ...");
            }
            return new Failure(PolicyResult.ErrorKind.RUNTIME, "failed: " + message + where);
        }

        private Failure timedOut() {
            return new Failure(PolicyResult.ErrorKind.LIMIT, "was stopped after "
                    + options.evaluationTimeout().toMillis() + " ms, the time limit of one evaluation");
        }
    }

    /**
     * Stops an evaluation that runs past its deadline; CEL calls it after every sub-expression it evaluates.
     * CEL's logical operators (and so the all and exists macros) turn an exception into an error value that
     * a later false or true may absorb, so once expired it throws at every call: each remaining step then
     * fails at once, and the evaluation unwinds.
     */
    static final class Deadline implements CelEvaluationListener {
        private final long budgetNanos;
        private long deadline;
        private int calls;
        private boolean expired;

        Deadline(long budgetNanos) {
            this.budgetNanos = budgetNanos;
        }

        void start() {
            deadline = System.nanoTime() + budgetNanos;
            calls = 0;
            expired = false;
        }

        boolean expired() {
            return expired;
        }

        @Override
        public void callback(CelExpr expr, Object evaluatedResult) {
            // reading the clock costs more than most sub-expressions: look at it every 64 of them
            if (expired || ((++calls & 63) == 0 && System.nanoTime() > deadline)) {
                expired = true;
                throw new Exceeded();
            }
        }

        static boolean causedBy(Throwable error) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof Exceeded) {
                    return true;
                }
            }
            return false;
        }

        static final class Exceeded extends RuntimeException {
            Exceeded() {
                super("deadline exceeded", null, false, false);
            }
        }
    }
}
