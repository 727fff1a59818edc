package io.polder.web.search;

import static io.polder.web.Lists.orEmpty;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.InputPort;
import io.polder.model.odps.OutputPort;
import io.polder.registry.catalog.Product;
import io.polder.web.ProductSource;
import java.util.ArrayList;
import java.util.List;

/**
 * What the search index holds of one product: the facts a result shows and facets count, and the text
 * searched (name; tags; description; ports; contract columns with their descriptions).
 */
record IndexedProduct(String id, long revision, String name, String domain, String team, String status,
                      String version, String summary, List<String> tags, String columnText, String otherText) {
    private static final int SUMMARY_LENGTH = 240;

    static IndexedProduct of(ProductSource.IndexSource loaded) {
        Product product = loaded.product();
        DataProduct document = loaded.document();
        String purpose = document.description() == null ? null : document.description().purpose();
        List<String> columns = new ArrayList<>();
        for (DataContract contract : loaded.contracts()) {
            for (SchemaObject object : orEmpty(contract.schema())) {
                add(columns, object.name(), object.businessName(), object.description());
                for (SchemaProperty property : orEmpty(object.properties())) {
                    add(columns, property.name(), property.businessName(), property.description());
                }
            }
        }
        List<String> other = new ArrayList<>();
        add(other, product.id(), product.domain(), product.team());
        if (document.description() != null) {
            add(other, purpose, document.description().usage(), document.description().limitations());
        }
        for (OutputPort port : orEmpty(document.outputPorts())) {
            add(other, port.name(), port.description());
            other.addAll(orEmpty(port.tags()));
        }
        for (InputPort port : orEmpty(document.inputPorts())) {
            add(other, port.name());
        }
        for (DataContract contract : loaded.contracts()) {
            add(other, contract.name());
            if (contract.description() != null) {
                add(other, contract.description().purpose(), contract.description().usage());
            }
        }
        return new IndexedProduct(product.id(), product.revision(), product.name() == null ? product.id() : product.name(),
                product.domain(), product.team(), product.status().value(), product.currentVersion(),
                summary(purpose), orEmpty(document.tags()), String.join("\n", columns), String.join("\n", other));
    }

    private static String summary(String purpose) {
        if (purpose == null) {
            return "";
        }
        String flat = purpose.strip().replaceAll("\\s+", " ");
        return flat.length() <= SUMMARY_LENGTH ? flat : flat.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    private static void add(List<String> into, String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                into.add(value);
            }
        }
    }
}
