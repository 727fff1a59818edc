package io.polder.web.pages;

import io.polder.model.odcs.DataContract;
import io.polder.registry.catalog.Port;
import io.polder.registry.catalog.ProductVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What changed from one product version to the next, from the ports each version declared: ports added and
 * removed, and a port's version or contract that changed (a contract's version is its port's version); for an
 * output port whose contract moved to another version, what changed in its schema ({@link ContractChanges}),
 * for the newest {@value #SCHEMA_DIFFS} versions.
 */
final class Changelog {
    /** How many of the newest versions have their contracts' schemas compared (each compare reads two documents). */
    static final int SCHEMA_DIFFS = 10;

    private Changelog() {
    }

    /**
     * @param newestFirst the product's versions, newest first
     * @param ports the ports of every version
     * @param contracts a contract's document at a version (id, version), or null when the registry lacks it
     * @return per version, its changes in words against the version published before it
     */
    static Map<String, List<String>> of(List<ProductVersion> newestFirst, List<Port> ports,
                                        BiFunction<String, String, DataContract> contracts) {
        Map<String, Map<String, Port>> byVersion = new HashMap<>();
        for (Port port : ports) {
            byVersion.computeIfAbsent(port.productVersion(), version -> new LinkedHashMap<>())
                    .put(port.direction().value() + " port " + port.name(), port);
        }
        Map<String, List<String>> changes = new HashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            String version = newestFirst.get(i).version();
            if (i + 1 == newestFirst.size()) {
                changes.put(version, List.of("first version"));
                continue;
            }
            changes.put(version, diff(byVersion.getOrDefault(newestFirst.get(i + 1).version(), Map.of()),
                    byVersion.getOrDefault(version, Map.of()), i < SCHEMA_DIFFS ? contracts : (id, at) -> null));
        }
        return changes;
    }

    private static List<String> diff(Map<String, Port> before, Map<String, Port> after,
                                     BiFunction<String, String, DataContract> contracts) {
        List<String> lines = new ArrayList<>();
        after.forEach((key, port) -> {
            Port old = before.get(key);
            if (old == null) {
                lines.add("added " + key + " v" + port.version() + contract(port));
            } else if (!Objects.equals(old.version(), port.version())) {
                lines.add(key + " v" + old.version() + " → v" + port.version() + contract(port));
                lines.addAll(schemaChanges(key, old, port, contracts));
            } else if (!Objects.equals(old.contractId(), port.contractId())) {
                lines.add(key + " now under contract " + port.contractId());
            }
        });
        before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(key -> lines.add("removed " + key));
        if (lines.isEmpty()) {
            lines.add("no port changes");
        }
        return lines;
    }

    /** A port's contract, from its old version to its new one, when it is the same contract and both are held. */
    private static List<String> schemaChanges(String key, Port old, Port port,
                                              BiFunction<String, String, DataContract> contracts) {
        if (port.contractId() == null || !port.contractId().equals(old.contractId())) {
            return List.of();
        }
        DataContract before = contracts.apply(old.contractId(), old.version());
        DataContract after = contracts.apply(port.contractId(), port.version());
        return before == null || after == null ? List.of() : ContractChanges.between(key, before, after);
    }

    private static String contract(Port port) {
        return port.contractId() == null ? "" : " (contract " + port.contractId() + ")";
    }
}
