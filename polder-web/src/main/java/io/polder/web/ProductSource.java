package io.polder.web;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OdpsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Contract;
import io.polder.registry.catalog.ContractVersionDetail;
import io.polder.registry.catalog.Product;
import io.polder.registry.catalog.ProductDetail;
import io.polder.registry.catalog.ProductDocuments;
import io.polder.registry.catalog.ProductVersionDetail;
import io.polder.registry.catalog.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads a product as the catalog holds it (registry facts, versions, ports) together with its current
 * ODPS document and the current ODCS document of each of its contracts, as the model's records. The
 * product page and the search index both read products through here, so they show the same thing.
 */
public final class ProductSource {
    private final CatalogService catalog;
    private final DocumentReader reader = DocumentReader.withDefaults();

    public ProductSource(CatalogService catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * The product {@code id} with its documents.
     *
     * @throws PolderException INVALID_ARGUMENT for a malformed id, NOT_FOUND for an unknown product
     */
    public LoadedProduct load(String id) {
        ProductDetail detail = catalog.getProduct(id);
        ProductVersionDetail current = catalog.getProductVersion(id, detail.product().currentVersion());
        DataProduct document = parse(current.document(), current.version().sourcePath(),
                (source, problems) -> new OdpsReader().read(source, problems));
        Map<String, DataContract> contracts = new LinkedHashMap<>();
        for (Contract contract : detail.contracts()) {
            ContractVersionDetail version = catalog.getContractVersion(contract.id(), contract.currentVersion());
            contracts.put(contract.id(), parse(version.document(), version.version().sourcePath(),
                    (source, problems) -> new OdcsReader().read(source, problems)));
        }
        return new LoadedProduct(detail, document, contracts);
    }

    /**
     * The contract {@code contractId} as it was at {@code version}, or null when the registry does not hold that
     * version (the changelog compares what it can).
     */
    public DataContract contractAt(String contractId, String version) {
        ContractVersionDetail detail;
        try {
            detail = catalog.getContractVersion(contractId, version);
        } catch (PolderException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
                return null;
            }
            throw e;
        }
        return parse(detail.document(), detail.version().sourcePath(),
                (source, problems) -> new OdcsReader().read(source, problems));
    }

    /**
     * The products {@code ids} as the search index reads them: each with its current document and its
     * contracts' current documents, in a few statements per batch rather than several per product. Ids the
     * registry does not hold are left out.
     */
    public List<IndexSource> loadForIndex(Collection<String> ids) {
        List<IndexSource> loaded = new ArrayList<>();
        for (ProductDocuments documents : catalog.currentDocuments(ids)) {
            String name = documents.product().id();
            DataProduct document = parse(documents.documentJson(), name,
                    (source, problems) -> new OdpsReader().read(source, problems));
            List<DataContract> contracts = new ArrayList<>();
            documents.contractJson().forEach((contractId, json) -> contracts.add(parse(json, contractId,
                    (source, problems) -> new OdcsReader().read(source, problems))));
            loaded.add(new IndexSource(documents.product(), document, contracts));
        }
        return loaded;
    }

    /** A product as the index reads it: the registry's facts, its current document and its contracts'. */
    public record IndexSource(Product product, DataProduct document, List<DataContract> contracts) {
        public IndexSource {
            contracts = List.copyOf(contracts);
        }
    }

    /**
     * A stored document read back from its parsed form (JSON, quicker to read than the YAML text); it was valid
     * when it was published, so a failure here is the registry's.
     */
    private <T> T parse(StoredDocument stored, String sourcePath, BiFunction<SourceDocument, Problems, T> bind) {
        return parse(stored.json(), sourcePath == null ? "document" : sourcePath, bind);
    }

    private <T> T parse(String json, String name, BiFunction<SourceDocument, Problems, T> bind) {
        ParsedFile parsed = reader.read(json.getBytes(StandardCharsets.UTF_8), name, SourceFormat.JSON);
        if (parsed.documents().isEmpty()) {
            throw new PolderException(ErrorCode.INTERNAL, "the stored document " + name + " cannot be read back");
        }
        return bind.apply(parsed.documents().getFirst(), new Problems(name));
    }
}
