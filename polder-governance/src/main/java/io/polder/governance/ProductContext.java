package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.source.SourceDocument;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything policies are evaluated on for one product: its ODPS document, the ODCS contracts of its
 * folder (or of its registered version), its domain and the caller's facts. The source documents are
 * optional; when given, results can name the line of what failed.
 *
 * @param productSource the product's source document, or null
 * @param contractSources source documents by contract id; empty when unknown
 */
public record ProductContext(DataProduct product, List<DataContract> contracts, DomainInfo domain, Facts facts,
                             SourceDocument productSource, Map<String, SourceDocument> contractSources) {
    public ProductContext {
        requireNonNull(product, "product is null");
        contracts = List.copyOf(contracts);
        requireNonNull(domain, "domain is null");
        requireNonNull(facts, "facts is null");
        contractSources = contractSources == null ? Map.of() : Map.copyOf(contractSources);
    }

    /** A context without source documents (e.g. built from the registry's records). */
    public static ProductContext of(DataProduct product, List<DataContract> contracts, DomainInfo domain,
                                    Facts facts) {
        return new ProductContext(product, contracts, domain, facts, null, Map.of());
    }

    public ProductContext withFacts(Facts replaced) {
        return new ProductContext(product, contracts, domain, replaced, productSource, contractSources);
    }

    /** The product id, or "" when the document has none. */
    public String productId() {
        return product.id() == null ? "" : product.id();
    }

    /** The contract with this id among the product's contracts. */
    public Optional<DataContract> contract(String contractId) {
        return contracts.stream().filter(contract -> Objects.equals(contract.id(), contractId)).findFirst();
    }
}
