package io.polder.registry.governance;

import io.polder.governance.DomainInfo;
import io.polder.governance.Facts;
import io.polder.governance.MeshSnapshot;
import io.polder.governance.ProductContext;
import io.polder.model.odcs.DataContract;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.ValidatedDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The registry's current products, as the governance library evaluates them: for every product that is not
 * retired, its current version's document and its contracts' current versions, parsed again from the text
 * stored (with their source paths, so that results name the line), and its domain as mesh.yaml declared it.
 */
final class RegistryProducts {
    static final String PRODUCTS = """
            SELECT p.id, v.source_path, v.document_text
            FROM products p JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version
            WHERE p.status <> 'retired'
            ORDER BY p.id""";
    static final String CONTRACTS = """
            SELECT c.product_id, cv.source_path, cv.document_text
            FROM contracts c JOIN contract_versions cv ON cv.contract_id = c.id AND cv.version = c.current_version
            ORDER BY c.id""";
    static final String PRODUCT = """
            SELECT p.id, v.source_path, v.document_text
            FROM products p JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version
            WHERE p.status <> 'retired' AND p.id = :product""";
    static final String CONTRACTS_OF = """
            SELECT c.product_id, cv.source_path, cv.document_text
            FROM contracts c JOIN contract_versions cv ON cv.contract_id = c.id AND cv.version = c.current_version
            WHERE c.product_id = :product
            ORDER BY c.id""";
    static final String PUBLISHED_CONTRACTS = """
            SELECT c.id, c.current_version, cv.source_path, cv.document_text
            FROM contracts c JOIN contract_versions cv ON cv.contract_id = c.id AND cv.version = c.current_version
            WHERE c.id IN (<ids>)""";
    static final String DOMAINS = "SELECT id, name, description FROM domains";
    static final String OWNERS = "SELECT domain_id, principal_name FROM domain_owners ORDER BY principal_name";

    private final DocumentReader reader = DocumentReader.withDefaults();
    private final DocumentValidator validator = new DocumentValidator(reader);

    private record Stored(String productId, String sourcePath, String text) {
    }

    MeshSnapshot read(Handle handle) {
        return read(handle, handle.createQuery(CONTRACTS), handle.createQuery(PRODUCTS));
    }

    /** The one current product {@code productId} (none when it is retired or unknown), read alone. */
    MeshSnapshot read(Handle handle, String productId) {
        return read(handle, handle.createQuery(CONTRACTS_OF).bind("product", productId),
                handle.createQuery(PRODUCT).bind("product", productId));
    }

    private MeshSnapshot read(Handle handle, Query contractQuery, Query productQuery) {
        Map<String, DomainInfo> domains = domains(handle);
        Map<String, List<Stored>> contractsByProduct = new HashMap<>();
        contractQuery.map((row, context) -> new Stored(row.getString("product_id"),
                        row.getString("source_path"), row.getString("document_text")))
                .forEach(stored -> contractsByProduct.computeIfAbsent(stored.productId(), id -> new ArrayList<>()).add(stored));
        List<ProductContext> products = new ArrayList<>();
        productQuery.map((row, context) -> new Stored(row.getString("id"), row.getString("source_path"),
                        row.getString("document_text")))
                .forEach(stored -> {
                    ProductContext context = context(stored, contractsByProduct.getOrDefault(stored.productId(), List.of()),
                            domains);
                    if (context != null) {
                        products.add(context);
                    }
                });
        return new MeshSnapshot(products);
    }

    /** The published (current) version of each contract of {@code ids} the registry holds, by id. */
    Map<String, DataContract> publishedContracts(Handle handle, Collection<String> ids) {
        Map<String, DataContract> published = new HashMap<>();
        if (ids.isEmpty()) {
            return published;
        }
        handle.createQuery(PUBLISHED_CONTRACTS).bindList("ids", List.copyOf(ids))
                .map((row, context) -> new Stored(row.getString("id"), row.getString("source_path"),
                        row.getString("document_text")))
                .forEach(stored -> {
                    ValidatedDocument.Contract validated = first(parse(stored), ValidatedDocument.Contract.class);
                    if (validated != null) {
                        published.put(stored.productId(), validated.contract());
                    }
                });
        return published;
    }

    private ProductContext context(Stored product, List<Stored> contracts, Map<String, DomainInfo> domains) {
        ValidatedDocument.Product document = first(parse(product), ValidatedDocument.Product.class);
        if (document == null) {
            return null; // the registry stored only documents that validated; one that no longer parses is skipped
        }
        List<DataContract> parsed = new ArrayList<>();
        Map<String, SourceDocument> sources = new LinkedHashMap<>();
        for (Stored contract : contracts) {
            ValidatedDocument.Contract validated = first(parse(contract), ValidatedDocument.Contract.class);
            if (validated != null) {
                parsed.add(validated.contract());
                if (validated.contract().id() != null) {
                    sources.putIfAbsent(validated.contract().id(), validated.source());
                }
            }
        }
        String domain = document.product().domain();
        return new ProductContext(document.product(), parsed, domains.getOrDefault(domain, DomainInfo.unknown(domain)),
                Facts.NONE, document.source(), sources);
    }

    private FileValidation parse(Stored stored) {
        return validator.validate(reader.read(stored.text(), stored.sourcePath(), SourceFormat.ofFileName(stored.sourcePath())));
    }

    private static <T extends ValidatedDocument> T first(FileValidation validation, Class<T> kind) {
        return validation.documents().stream().filter(kind::isInstance).map(kind::cast).findFirst().orElse(null);
    }

    private static Map<String, DomainInfo> domains(Handle handle) {
        Map<String, List<String>> owners = new HashMap<>();
        handle.createQuery(OWNERS).map((row, context) -> Map.entry(row.getString("domain_id"), row.getString("principal_name")))
                .forEach(entry -> owners.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        Map<String, DomainInfo> domains = new HashMap<>();
        handle.createQuery(DOMAINS).map((row, context) -> new DomainInfo(row.getString("id"), row.getString("name"),
                        row.getString("description"), owners.getOrDefault(row.getString("id"), List.of())))
                .forEach(domain -> domains.put(domain.id(), domain));
        return domains;
    }
}
