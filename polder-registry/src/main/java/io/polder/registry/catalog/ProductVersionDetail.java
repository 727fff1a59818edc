package io.polder.registry.catalog;

import java.util.List;

/** One version of a product with its document and ports. */
public record ProductVersionDetail(ProductVersion version, StoredDocument document, List<Port> ports) {
    public ProductVersionDetail {
        ports = List.copyOf(ports);
    }
}
