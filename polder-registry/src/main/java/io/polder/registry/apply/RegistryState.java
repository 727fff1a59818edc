package io.polder.registry.apply;

import io.polder.registry.catalog.LifecycleStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What the registry holds, as far as planning needs it: ids, digests, versions and revisions, no
 * documents. Read with a fixed number of queries whatever the mesh's size. Applying does not trust it:
 * every write re-checks the revision or relies on a primary key, so a change made after this was read
 * turns into a conflict, not a lost update.
 */
record RegistryState(Map<String, String> domainDigests, Map<String, String> teamDigests,
                     Map<String, ProductState> products, Map<String, Map<String, String>> productVersionDigests,
                     Map<String, ContractState> contracts, Map<String, Map<String, String>> contractVersionDigests) {

    static final String DOMAINS = "SELECT id, digest FROM domains";
    static final String TEAMS = "SELECT id, digest FROM teams";
    static final String PRODUCTS = "SELECT id, domain_id, team_id, current_version, status, sunset_date, revision FROM products";
    static final String PRODUCT_VERSIONS = "SELECT product_id, version, digest FROM product_versions";
    static final String CONTRACTS = "SELECT id, product_id, current_version FROM contracts";
    static final String CONTRACT_VERSIONS = "SELECT contract_id, version, digest FROM contract_versions";

    record ProductState(String id, String domain, String team, String currentVersion, LifecycleStatus status,
                        java.time.LocalDate sunsetDate, long revision) {
    }

    record ContractState(String id, String productId, String currentVersion) {
    }

    static RegistryState read(Handle handle) {
        Map<String, String> domains = pairs(handle, DOMAINS, "id", "digest");
        Map<String, String> teams = pairs(handle, TEAMS, "id", "digest");
        Map<String, ProductState> products = new HashMap<>();
        handle.createQuery(PRODUCTS).map((row, context) -> new ProductState(row.getString("id"),
                        row.getString("domain_id"), row.getString("team_id"), row.getString("current_version"),
                        LifecycleStatus.parse(row.getString("status")),
                        row.getString("sunset_date") == null ? null : java.time.LocalDate.parse(row.getString("sunset_date")),
                        row.getLong("revision")))
                .forEach(product -> products.put(product.id(), product));
        Map<String, ContractState> contracts = new HashMap<>();
        handle.createQuery(CONTRACTS).map((row, context) -> new ContractState(row.getString("id"),
                        row.getString("product_id"), row.getString("current_version")))
                .forEach(contract -> contracts.put(contract.id(), contract));
        return new RegistryState(domains, teams, products,
                nested(handle, PRODUCT_VERSIONS, "product_id"), contracts,
                nested(handle, CONTRACT_VERSIONS, "contract_id"));
    }

    Optional<ProductState> product(String id) {
        return Optional.ofNullable(products.get(id));
    }

    Optional<ContractState> contract(String id) {
        return Optional.ofNullable(contracts.get(id));
    }

    /** The digest of version {@code version} of product {@code productId}, if that version is published. */
    Optional<String> productVersionDigest(String productId, String version) {
        return Optional.ofNullable(productVersionDigests.getOrDefault(productId, Map.of()).get(version));
    }

    Optional<String> contractVersionDigest(String contractId, String version) {
        return Optional.ofNullable(contractVersionDigests.getOrDefault(contractId, Map.of()).get(version));
    }

    List<ProductState> productList() {
        return List.copyOf(products.values());
    }

    private static Map<String, String> pairs(Handle handle, String sql, String key, String value) {
        Map<String, String> pairs = new HashMap<>();
        handle.createQuery(sql).map((row, context) -> Map.entry(row.getString(key), row.getString(value)))
                .forEach(entry -> pairs.put(entry.getKey(), entry.getValue()));
        return pairs;
    }

    private static Map<String, Map<String, String>> nested(Handle handle, String sql, String owner) {
        Map<String, Map<String, String>> nested = new HashMap<>();
        handle.createQuery(sql).map((row, context) -> List.of(row.getString(owner), row.getString("version"),
                        row.getString("digest")))
                .forEach(row -> nested.computeIfAbsent(row.get(0), k -> new HashMap<>()).put(row.get(1), row.get(2)));
        return nested;
    }
}
