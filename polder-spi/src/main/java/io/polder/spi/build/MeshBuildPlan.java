package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.model.odps.InputPort;
import io.polder.model.validate.LoadedMesh;
import io.polder.spi.exceptions.BuildDefinitionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the products of a mesh feed each other: each input port bound to the output port whose contract it
 * names, and the products in an order where every product comes after the products it reads (ties broken
 * by id, so the order is stable). What {@code polder build --all}, the demo and the scheduler start from.
 */
public final class MeshBuildPlan {
    private final Map<String, ProductDefinition> products;
    private final Map<String, List<InputBinding>> inputs;
    private final Map<String, Set<String>> upstream;
    private final List<ProductDefinition> order;

    private MeshBuildPlan(Map<String, ProductDefinition> products, Map<String, List<InputBinding>> inputs,
                          Map<String, Set<String>> upstream) {
        this.products = products;
        this.inputs = inputs;
        this.upstream = upstream;
        this.order = topologicalOrder();
    }

    /**
     * @throws BuildDefinitionException when an input port names a contract no other product offers, or the
     *                                  products form a cycle
     */
    public static MeshBuildPlan of(List<ProductDefinition> definitions) {
        Map<String, ProductDefinition> products = new TreeMap<>();
        Map<String, OutputPortDefinition> offered = new HashMap<>();
        Map<String, String> offeredBy = new HashMap<>();
        for (ProductDefinition product : definitions) {
            if (products.putIfAbsent(product.id(), product) != null) {
                throw new BuildDefinitionException("two products have the id `" + product.id() + "`");
            }
            for (OutputPortDefinition port : product.outputPorts()) {
                offered.putIfAbsent(port.contract().id(), port);
                offeredBy.putIfAbsent(port.contract().id(), product.id());
            }
        }
        Map<String, List<InputBinding>> inputs = new HashMap<>();
        Map<String, Set<String>> upstream = new HashMap<>();
        for (ProductDefinition product : products.values()) {
            List<InputBinding> bindings = new ArrayList<>();
            Set<String> feeders = new LinkedHashSet<>();
            for (InputPort port : product.product().inputPortList()) {
                OutputPortDefinition source = offered.get(port.contractId());
                String producer = offeredBy.get(port.contractId());
                if (source == null || producer.equals(product.id())) {
                    throw new BuildDefinitionException("input port `" + port.name() + "` of product `" + product.id()
                            + "` reads contract `" + port.contractId() + "`, which no other product's output port offers");
                }
                bindings.add(new InputBinding(port.name(), source.ref()));
                feeders.add(producer);
            }
            inputs.put(product.id(), List.copyOf(bindings));
            upstream.put(product.id(), feeders);
        }
        return new MeshBuildPlan(products, inputs, upstream);
    }

    /** The plan of every product folder of a loaded (and valid) mesh. */
    public static MeshBuildPlan of(LoadedMesh mesh) {
        return of(mesh.products().stream().map(ProductDefinition::fromFolder).toList());
    }

    /** The products, each after those it reads. */
    public List<ProductDefinition> order() {
        return order;
    }

    public ProductDefinition product(String productId) {
        ProductDefinition product = products.get(requireNonNull(productId, "productId is null"));
        if (product == null) {
            throw new BuildDefinitionException("no product `" + productId + "` in the mesh; products: "
                    + String.join(", ", products.keySet()));
        }
        return product;
    }

    /** The bindings of the product's input ports. */
    public List<InputBinding> inputs(String productId) {
        product(productId);
        return inputs.get(productId);
    }

    /** A request to build {@code productId} with its inputs bound. */
    public BuildRequest request(String productId) {
        return BuildRequest.of(product(productId), inputs(productId));
    }

    /** The products {@code productId} reads from directly. */
    public Set<String> upstream(String productId) {
        product(productId);
        return Set.copyOf(upstream.get(productId));
    }

    /** The products that read {@code productId} directly: what to rebuild when it publishes. */
    public Set<String> downstream(String productId) {
        product(productId);
        Set<String> readers = new LinkedHashSet<>();
        upstream.forEach((reader, feeders) -> {
            if (feeders.contains(productId)) {
                readers.add(reader);
            }
        });
        return readers;
    }

    private List<ProductDefinition> topologicalOrder() {
        Map<String, Integer> waiting = new LinkedHashMap<>();
        products.keySet().forEach(id -> waiting.put(id, upstream.get(id).size()));
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        List<ProductDefinition> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.removeFirst();
            ordered.add(products.get(next));
            for (String reader : new TreeMap<>(waiting).keySet()) {
                if (upstream.get(reader).contains(next) && waiting.merge(reader, -1, Integer::sum) == 0) {
                    ready.addLast(reader);
                }
            }
        }
        if (ordered.size() != products.size()) {
            List<String> stuck = waiting.entrySet().stream().filter(entry -> entry.getValue() > 0)
                    .map(Map.Entry::getKey).toList();
            throw new BuildDefinitionException("products read each other in a cycle: " + String.join(", ", stuck));
        }
        return List.copyOf(ordered);
    }
}
