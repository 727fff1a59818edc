package io.polder.registry.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A product with the parsed form (JSON) of its current version's document and of its contracts' current
 * versions: what a reader of many products (the search index) needs, read in bulk.
 *
 * @param documentJson the current product version's document as JSON
 * @param contractJson each contract's current version's document as JSON, by contract id
 */
public record ProductDocuments(Product product, String documentJson, Map<String, String> contractJson) {
    public ProductDocuments {
        requireNonNull(product, "product is null");
        requireNonNull(documentJson, "documentJson is null");
        contractJson = Collections.unmodifiableMap(new LinkedHashMap<>(contractJson));
    }
}
