package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import io.polder.model.source.Position;
import io.polder.model.source.SourceDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every policy result of one product. It <em>blocks</em> (a plan exits 1, an apply refuses the product) when
 * an error-severity policy failed, or could not be evaluated, and no exemption covers it: compliance that
 * cannot be shown is not assumed.
 */
public final class Verdict {
    private final ProductContext context;
    private final PolicySet policies;
    private final List<PolicyResult> results;

    Verdict(ProductContext context, PolicySet policies, List<PolicyResult> results) {
        this.context = requireNonNull(context, "context is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.results = List.copyOf(results);
    }

    public String product() {
        return context.productId();
    }

    /** The product's domain id ("" when it names none). */
    public String domain() {
        return context.domain().id();
    }

    public ProductContext context() {
        return context;
    }

    /**
     * The results of the policies that applied, in policy order, then target order; a {@code when} that was
     * false gives a not-applicable result here too. Policies that did not come to evaluation are in
     * {@link #notApplicable()}.
     */
    public List<PolicyResult> results() {
        return results;
    }

    public boolean blocks() {
        return !blocking().isEmpty();
    }

    /**
     * The results that block: error-severity failures and errors not covered by an exemption. An error (the
     * policy could not be evaluated) blocks on purpose: a rule that cannot decide shows nothing, and passing
     * it would make a broken error-level rule a silent no-op. Callers say that the policy is at fault.
     */
    public List<PolicyResult> blocking() {
        return results.stream()
                .filter(result -> result instanceof PolicyResult.Failed || result instanceof PolicyResult.Errored)
                .filter(result -> result.policy().severity() == PolicySeverity.ERROR)
                .toList();
    }

    public List<PolicyResult.Failed> failures() {
        return ofType(PolicyResult.Failed.class);
    }

    public List<PolicyResult.Errored> errors() {
        return ofType(PolicyResult.Errored.class);
    }

    public List<PolicyResult.Exempted> exempted() {
        return ofType(PolicyResult.Exempted.class);
    }

    public List<PolicyResult.Passed> passed() {
        return ofType(PolicyResult.Passed.class);
    }

    /**
     * Every policy that did not apply to this product: those of another domain (scope), those whose target
     * the product lacks, those whose {@code when} rejected it. Computed when asked, so that evaluating many
     * policies that do not apply costs nothing.
     */
    public List<PolicyResult.NotApplicable> notApplicable() {
        List<PolicyResult.NotApplicable> found = new ArrayList<>(ofType(PolicyResult.NotApplicable.class));
        Set<String> evaluated = new HashSet<>();
        results.forEach(result -> evaluated.add(result.policy().id()));
        Target product = productTarget();
        for (CompiledPolicy compiled : policies.policies()) {
            Policy policy = compiled.policy();
            if (evaluated.contains(policy.id())) {
                continue;
            }
            PolicyResult.Reason reason = !policy.scope().covers(context.product().domain()) ? PolicyResult.Reason.SCOPE
                    : compiled.expressions().guard().test().test(context.product()) ? PolicyResult.Reason.TARGET
                    : PolicyResult.Reason.WHEN;
            found.add(new PolicyResult.NotApplicable(policy, product, reason));
        }
        return found;
    }

    /** The results of one policy. */
    public List<PolicyResult> resultsOf(String policyId) {
        return results.stream().filter(result -> result.policy().id().equals(policyId)).toList();
    }

    /** Where a target is in its file, when the source documents are known. */
    public Optional<Position> position(Target target) {
        SourceDocument source = target.kind() == PolicyTarget.PRODUCT || target.kind() == PolicyTarget.OUTPUT_PORT
                ? context.productSource() : context.contractSources().get(target.contractId());
        return source == null ? Optional.empty() : Optional.of(source.positionOf(target.pointer()));
    }

    /**
     * Failures and errors as problems, the form every Polder tool prints ({@code FILE:LINE:COLUMN: message}):
     * an error-severity policy gives an error, a warning or info policy a warning.
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (PolicyResult result : results) {
            String text = switch (result) {
                case PolicyResult.Failed failed -> failed.message();
                case PolicyResult.Errored errored -> "policy could not be evaluated: " + errored.message()
                        + " (policy at " + errored.policy().origin() + ")";
                default -> null;
            };
            if (text != null) {
                Policy policy = result.policy();
                Severity severity = policy.severity() == PolicySeverity.ERROR ? Severity.ERROR : Severity.WARNING;
                String prefix = policy.severity() == PolicySeverity.INFO ? "info: " : "";
                problems.add(new Problem(result.target().file(), position(result.target()).orElse(Position.START),
                        result.target().pointer(), severity, prefix + text + " [policy " + policy.id() + "]"));
            }
        }
        return problems;
    }

    private Target productTarget() {
        String file = context.productSource() == null ? "" : context.productSource().file();
        return new Target(PolicyTarget.PRODUCT, context.productId(), context.productId(), null, file, "");
    }

    private <T extends PolicyResult> List<T> ofType(Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return "verdict on " + product() + ": " + (blocks() ? "blocked" : "not blocked") + ", "
                + failures().size() + " failed, " + errors().size() + " errors, " + exempted().size() + " exempted, "
                + passed().size() + " passed" + (Objects.equals(domain(), "") ? "" : " (domain " + domain() + ")");
    }
}
