package io.polder.governance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled policies and the exemptions in force for a mesh: global ones and those of each domain.
 * Immutable and safe to share between threads; evaluate it with {@link PolicyEngine#evaluate}.
 */
public final class PolicySet {
    private static final PolicySet EMPTY = new PolicySet(List.of(), List.of());

    private final Map<String, CompiledPolicy> policies = new LinkedHashMap<>();
    private final List<Exemption> exemptions;
    private final Map<String, List<Exemption>> exemptionsByPolicyAndProduct = new HashMap<>();
    private final Map<String, List<CompiledPolicy>> candidatesByDomain = new ConcurrentHashMap<>();

    private PolicySet(Collection<CompiledPolicy> compiled, List<Exemption> exemptions) {
        for (CompiledPolicy policy : compiled) {
            CompiledPolicy clash = policies.putIfAbsent(policy.id(), policy);
            if (clash != null) {
                throw new IllegalArgumentException("policy id " + policy.id() + " is declared twice: at "
                        + clash.policy().origin() + " and at " + policy.policy().origin());
            }
        }
        this.exemptions = List.copyOf(exemptions);
        for (Exemption exemption : this.exemptions) {
            exemptionsByPolicyAndProduct.computeIfAbsent(key(exemption.policy(), exemption.product()),
                    key -> new ArrayList<>()).add(exemption);
        }
    }

    /**
     * A set of these policies and exemptions.
     *
     * @throws IllegalArgumentException when two policies share an id (the loader reports that as a problem first)
     */
    public static PolicySet of(Collection<CompiledPolicy> policies, List<Exemption> exemptions) {
        return new PolicySet(policies, exemptions);
    }

    public static PolicySet empty() {
        return EMPTY;
    }

    public List<CompiledPolicy> policies() {
        return List.copyOf(policies.values());
    }

    public Optional<CompiledPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    public List<Exemption> exemptions() {
        return exemptions;
    }

    public int size() {
        return policies.size();
    }

    /** This set with {@code added} policies too (or instead, for the same id): what {@code policy preview} evaluates. */
    public PolicySet with(Collection<CompiledPolicy> added) {
        Map<String, CompiledPolicy> merged = new LinkedHashMap<>(policies);
        added.forEach(policy -> merged.put(policy.id(), policy));
        return new PolicySet(merged.values(), exemptions);
    }

    /** This set with {@code added} exemptions too (a policy test's own). */
    public PolicySet withExemptions(List<Exemption> added) {
        List<Exemption> all = new ArrayList<>(exemptions);
        all.addAll(added);
        return new PolicySet(policies.values(), all);
    }

    /** A set of only {@code chosen} policies, with the exemptions that name them. */
    public PolicySet only(Collection<CompiledPolicy> chosen) {
        List<String> ids = chosen.stream().map(CompiledPolicy::id).toList();
        return new PolicySet(chosen, exemptions.stream().filter(exemption -> ids.contains(exemption.policy())).toList());
    }

    /** The policies whose scope covers a product of {@code domain}, in declaration order. */
    List<CompiledPolicy> candidates(String domain) {
        return candidatesByDomain.computeIfAbsent(Objects.requireNonNullElse(domain, ""),
                key -> policies.values().stream().filter(policy -> policy.policy().scope().covers(domain)).toList());
    }

    /** The exemption that covers {@code policy} for {@code product} at {@code now}, if any. */
    Optional<Exemption> activeExemption(Policy policy, String product, Instant now) {
        return exemptions(policy, product).stream().filter(exemption -> exemption.activeAt(now)).findFirst();
    }

    /** An exemption that would cover {@code policy} for {@code product}, but has expired. */
    Optional<Exemption> expiredExemption(Policy policy, String product, Instant now) {
        return exemptions(policy, product).stream().filter(exemption -> !exemption.activeAt(now)).findFirst();
    }

    private List<Exemption> exemptions(Policy policy, String product) {
        List<Exemption> named = exemptionsByPolicyAndProduct.get(key(policy.id(), product));
        if (named == null) {
            return List.of();
        }
        return named.stream().filter(exemption -> exemption.covers(policy, product)).toList();
    }

    private static String key(String policy, String product) {
        return policy + "\u0000" + product;
    }
}
