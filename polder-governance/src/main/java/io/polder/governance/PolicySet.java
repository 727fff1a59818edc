package io.polder.governance;

import io.polder.model.odps.DataProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private final Map<String, Candidates> candidatesByDomain = new ConcurrentHashMap<>();

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

    /**
     * The policies that may apply to {@code product}, in declaration order: those whose scope covers its
     * domain, less those whose indexed guard names other values than the product's.
     */
    List<CompiledPolicy> candidates(DataProduct product) {
        String domain = product.domain();
        return candidatesByDomain.computeIfAbsent(Objects.requireNonNullElse(domain, ""), key -> new Candidates(
                policies.values().stream().filter(policy -> policy.policy().scope().covers(domain)).toList()))
                .of(product);
    }

    /** The policies of one domain, those with an indexed guard filed under the field and values it names. */
    private static final class Candidates {
        private final List<CompiledPolicy> unindexed = new ArrayList<>();
        private final Map<String, Map<String, List<CompiledPolicy>>> indexed = new HashMap<>();
        private final Map<CompiledPolicy, Integer> order = new IdentityHashMap<>();

        Candidates(List<CompiledPolicy> policies) {
            for (CompiledPolicy policy : policies) {
                order.put(policy, order.size());
                Guard guard = policy.expressions().guard();
                if (!guard.indexed()) {
                    unindexed.add(policy);
                    continue;
                }
                Map<String, List<CompiledPolicy>> byValue = indexed.computeIfAbsent(guard.field(), field -> new HashMap<>());
                guard.values().forEach(value -> byValue.computeIfAbsent(value, key -> new ArrayList<>()).add(policy));
            }
        }

        List<CompiledPolicy> of(DataProduct product) {
            List<CompiledPolicy> found = null;
            for (Map.Entry<String, Map<String, List<CompiledPolicy>>> field : indexed.entrySet()) {
                for (String value : Guard.valuesOf(product, field.getKey())) {
                    List<CompiledPolicy> named = field.getValue().get(value);
                    if (named != null) {
                        found = found == null ? new ArrayList<>(unindexed) : found;
                        found.addAll(named);
                    }
                }
            }
            if (found == null) {
                return unindexed;
            }
            // a product with several indexed values may find a policy twice; results keep declaration order
            List<CompiledPolicy> distinct = new ArrayList<>(new LinkedHashSet<>(found));
            distinct.sort(Comparator.comparing(order::get));
            return distinct;
        }
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
