package io.polder.registry.catalog;

import java.util.List;

/**
 * A product with its versions (newest first), the ports of its current version, and its contracts.
 */
public record ProductDetail(Product product, List<ProductVersion> versions, List<Port> ports,
                            List<Contract> contracts) {
    public ProductDetail {
        versions = List.copyOf(versions);
        ports = List.copyOf(ports);
        contracts = List.copyOf(contracts);
    }
}
