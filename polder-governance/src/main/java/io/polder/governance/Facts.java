package io.polder.governance;

import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Map;

/**
 * The {@code facts} variable: what the caller (the registry, the planner) knows about a product beyond its
 * documents. Every field has a value, so a policy needs no {@code has()} to read one.
 *
 * @param consumers how many consumers have access to the product's output ports
 * @param latestChecks the latest outcome of each data quality check
 * @param dependencies what the product's input ports consume, resolved against the mesh or registry
 * @param breakingChanges for each contract whose planned change breaks its consumers (the contract-evolution
 *                        diff decides), the version currently published: contract id to version
 * @param breakingChange whether the planned change breaks any contract; true when breakingChanges is not
 *                       empty, and a caller may also set it alone
 * @param custom anything else a caller wants to offer policies, as plain values (string, number, bool, list, map)
 */
public record Facts(long consumers, List<CheckOutcome> latestChecks, List<Dependency> dependencies,
                    Map<String, String> breakingChanges, boolean breakingChange, Map<String, Object> custom) {
    public static final Facts NONE = new Facts(0, List.of(), List.of(), Map.of(), false, Map.of());

    public Facts {
        latestChecks = latestChecks == null ? List.of() : List.copyOf(latestChecks);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        breakingChanges = breakingChanges == null ? Map.of() : Copies.map(breakingChanges);
        breakingChange = breakingChange || !breakingChanges.isEmpty();
        custom = custom == null ? Map.of() : Copies.map(custom);
    }

    public Facts withDependencies(List<Dependency> replaced) {
        return new Facts(consumers, latestChecks, replaced, breakingChanges, breakingChange, custom);
    }

    public Facts withConsumers(long count) {
        return new Facts(count, latestChecks, dependencies, breakingChanges, breakingChange, custom);
    }

    public Facts withLatestChecks(List<CheckOutcome> checks) {
        return new Facts(consumers, checks, dependencies, breakingChanges, breakingChange, custom);
    }

    public Facts withBreakingChanges(Map<String, String> publishedVersionByContract) {
        return new Facts(consumers, latestChecks, dependencies, publishedVersionByContract, false, custom);
    }
}
