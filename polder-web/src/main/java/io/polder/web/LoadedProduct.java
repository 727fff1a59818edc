package io.polder.web;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.registry.catalog.ProductDetail;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A product as {@link ProductSource} reads it.
 *
 * @param detail the registry's facts: the product, its versions, the ports of its current version, its contracts
 * @param document the current version's ODPS document
 * @param contracts the current ODCS document of each of the product's contracts, by contract id
 */
public record LoadedProduct(ProductDetail detail, DataProduct document, Map<String, DataContract> contracts) {
    public LoadedProduct {
        requireNonNull(detail, "detail is null");
        requireNonNull(document, "document is null");
        contracts = Collections.unmodifiableMap(new LinkedHashMap<>(contracts));
    }

    public String id() {
        return detail.product().id();
    }
}
