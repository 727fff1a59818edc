package io.polder.registry.governance;

import static java.util.Objects.requireNonNull;

import io.polder.governance.CheckOutcome;
import io.polder.governance.Dependency;
import io.polder.governance.Facts;
import io.polder.governance.MeshSnapshot;
import io.polder.governance.ProductContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The facts the registry knows about products, for {@code facts} in policies:
 * <ul>
 *   <li>{@code consumers}: how many other products (current versions, not retired) read one of the product's
 *       output-port contracts through an input port. There are no access grants yet; when they come, their
 *       consumers belong here too.</li>
 *   <li>{@code dependencies}: resolved within the products evaluated (the bundle), then against the registry's
 *       current output ports; a dependency on a product the registry holds as deprecated or retired says so,
 *       whatever the upstream document declares (a lifecycle change is made in the registry, not in git), with
 *       the registry's sunset date when the upstream contract names none.</li>
 *   <li>{@code latestChecks}: from {@link CheckResults}.</li>
 * </ul>
 */
final class RegistryFacts {
    static final String OFFERS = """
            SELECT o.contract_id, o.port_version, o.name, p.id, p.status, p.sunset_date, c.status AS contract_status
            FROM ports o
            JOIN products p ON p.id = o.product_id AND p.current_version = o.product_version
            LEFT JOIN contracts c ON c.id = o.contract_id
            WHERE o.direction = 'output' AND o.contract_id IS NOT NULL""";
    static final String CONSUMERS = """
            SELECT o.product_id, COUNT(DISTINCT i.product_id) AS consumers
            FROM products p
            JOIN ports o ON o.product_id = p.id AND o.product_version = p.current_version AND o.direction = 'output'
            JOIN ports i ON i.contract_id = o.contract_id AND i.port_version = o.port_version AND i.direction = 'input'
            JOIN products c ON c.id = i.product_id AND c.current_version = i.product_version AND c.status <> 'retired'
            WHERE i.product_id <> o.product_id
            GROUP BY o.product_id""";

    private record Offer(String product, String port, String status, String sunsetDate, String contractStatus) {
    }

    private final Map<String, Offer> offers;
    private final Map<String, Long> consumers;
    private final Map<String, String> statuses;
    private final Function<String, List<CheckOutcome>> latestChecks;

    private RegistryFacts(Map<String, Offer> offers, Map<String, Long> consumers,
                          Function<String, List<CheckOutcome>> latestChecks) {
        this.offers = offers;
        this.consumers = consumers;
        this.latestChecks = latestChecks;
        this.statuses = new HashMap<>();
        offers.values().forEach(offer -> statuses.put(offer.product(), offer.status()));
    }

    /** The facts for a few products (a bundle, one product): their latest checks are read per product. */
    static RegistryFacts read(Handle handle, CheckResults checks) {
        requireNonNull(checks, "checks is null");
        return read(handle, productId -> checks.latest(handle, productId));
    }

    /** The facts for every current product: the latest checks of all of them are read at once, here. */
    static RegistryFacts readForEvery(Handle handle, CheckResults checks) {
        Map<String, List<CheckOutcome>> every = checks.latestOfEvery(handle);
        return read(handle, productId -> every.getOrDefault(productId, List.of()));
    }

    private static RegistryFacts read(Handle handle, Function<String, List<CheckOutcome>> latestChecks) {
        Map<String, Offer> offers = new HashMap<>();
        handle.createQuery(OFFERS).map((row, context) -> Map.entry(key(row.getString("contract_id"),
                        row.getString("port_version")), new Offer(row.getString("id"), row.getString("name"),
                        row.getString("status"), row.getString("sunset_date"), row.getString("contract_status"))))
                .forEach(entry -> offers.putIfAbsent(entry.getKey(), entry.getValue()));
        Map<String, Long> consumers = new HashMap<>();
        handle.createQuery(CONSUMERS).map((row, context) -> Map.entry(row.getString("product_id"), row.getLong("consumers")))
                .forEach(entry -> consumers.put(entry.getKey(), entry.getValue()));
        return new RegistryFacts(offers, consumers, latestChecks);
    }

    /**
     * The products with the registry's facts (their dependencies resolved within {@code products} first); made by
     * {@link #read}, the latest checks are read with the handle these facts were read with, which must still be open.
     */
    MeshSnapshot apply(MeshSnapshot products) {
        return MeshSnapshot.resolved(products.products()).withFacts(this::facts);
    }

    private Facts facts(ProductContext product) {
        List<Dependency> dependencies = new ArrayList<>();
        for (Dependency dependency : product.facts().dependencies()) {
            dependencies.add(fromRegistry(dependency));
        }
        String id = product.productId();
        return product.facts().withDependencies(dependencies).withConsumers(consumers.getOrDefault(id, 0L))
                .withLatestChecks(latestChecks.apply(id));
    }

    private Dependency fromRegistry(Dependency dependency) {
        if (!dependency.resolved()) {
            Offer offer = offers.get(key(dependency.contractId(), dependency.version()));
            if (offer == null) {
                return dependency;
            }
            String status = lifecycleEnd(offer.status()) ? offer.status()
                    : offer.contractStatus() != null ? offer.contractStatus() : offer.status();
            return new Dependency(dependency.inputPort(), dependency.contractId(), dependency.version(), offer.product(),
                    offer.port(), status, offer.sunsetDate());
        }
        String registered = statuses.get(dependency.product());
        if (registered == null || !lifecycleEnd(registered) || "retired".equals(dependency.status())) {
            return dependency;
        }
        String sunset = dependency.sunsetDate() != null ? dependency.sunsetDate()
                : offers.values().stream().filter(offer -> offer.product().equals(dependency.product()))
                        .map(Offer::sunsetDate).filter(Objects::nonNull).findFirst().orElse(null);
        return new Dependency(dependency.inputPort(), dependency.contractId(), dependency.version(), dependency.product(),
                dependency.port(), registered, sunset);
    }

    private static boolean lifecycleEnd(String status) {
        return "deprecated".equals(status) || "retired".equals(status);
    }

    private static String key(String contractId, String version) {
        return contractId + "\u0000" + version;
    }
}
