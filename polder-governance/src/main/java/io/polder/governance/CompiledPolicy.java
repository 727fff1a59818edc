package io.polder.governance;

import static java.util.Objects.requireNonNull;

import dev.cel.runtime.CelRuntime;

/**
 * A policy whose expressions were type-checked and planned: ready to evaluate, any number of times, from
 * any number of threads. Made by {@link PolicyEngine#compile(Policy)}.
 */
public final class CompiledPolicy {
    private final Policy policy;
    private final Expressions expressions;

    CompiledPolicy(Policy policy, Expressions expressions) {
        this.policy = requireNonNull(policy, "policy is null");
        this.expressions = requireNonNull(expressions, "expressions is null");
    }

    public Policy policy() {
        return policy;
    }

    public String id() {
        return policy.id();
    }

    /** The digest of the compiled source (target, when, rule and message); the cache key with id and version. */
    public String digest() {
        return expressions.digest();
    }

    /**
     * Whether its rule, {@code when} or message names {@code now}: then its results can change with the moment of
     * evaluation alone, nothing else changing. (Without it, time changes a policy set's results only where an
     * exemption expires.)
     */
    public boolean readsNow() {
        return expressions.readsNow();
    }

    Expressions expressions() {
        return expressions;
    }

    @Override
    public String toString() {
        return policy.toString();
    }

    /**
     * The compiled expressions, cached across policy sets.
     *
     * @param when null when the policy has none
     * @param whenReadsProductOnly whether {@code when} names no variable below the product (no port, contract,
     *                             object or property), so that it is evaluated once per product
     * @param guard a condition on the product that {@code when} implies: when it is false, the policy does not
     *              apply, without evaluating anything
     * @param readsNow whether the rule, {@code when} or a message placeholder names {@code now}
     */
    record Expressions(String digest, CelRuntime.Program rule, CelRuntime.Program when, boolean whenReadsProductOnly,
                       Guard guard, MessageTemplate message, boolean readsNow) {
    }
}
