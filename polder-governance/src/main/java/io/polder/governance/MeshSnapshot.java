package io.polder.governance;

import io.polder.model.mesh.MeshConfig;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.source.SourceDocument;
import io.polder.model.validate.LoadedMesh;
import io.polder.model.validate.ProductFolder;
import io.polder.model.validate.ValidatedDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The products of a mesh, ready for evaluation. Built from a mesh folder, each product's
 * {@code facts.dependencies} are resolved against the other products of the folder; the registry replaces
 * or completes the facts with what it knows ({@link #withFacts}).
 */
public record MeshSnapshot(List<ProductContext> products) {
    public MeshSnapshot {
        products = List.copyOf(products);
    }

    /** The products of a loaded mesh folder, with dependencies resolved within the folder. */
    public static MeshSnapshot of(LoadedMesh mesh) {
        MeshConfig config = mesh.meshDocument().map(ValidatedDocument.Mesh::config).orElse(null);
        List<ProductContext> contexts = new ArrayList<>();
        for (ProductFolder folder : mesh.products()) {
            contexts.add(context(folder, config));
        }
        return new MeshSnapshot(Dependencies.resolve(contexts));
    }

    /**
     * These products, each with {@code facts.dependencies} resolved against the others' output ports (for
     * products read from somewhere else than a mesh folder, e.g. the registry's current versions).
     */
    public static MeshSnapshot resolved(List<ProductContext> products) {
        return new MeshSnapshot(Dependencies.resolve(products));
    }

    /** The same products with facts replaced by {@code facts}, which receives each product's current context. */
    public MeshSnapshot withFacts(Function<ProductContext, Facts> facts) {
        return new MeshSnapshot(products.stream().map(product -> product.withFacts(facts.apply(product))).toList());
    }

    public Optional<ProductContext> product(String id) {
        return products.stream().filter(product -> Objects.equals(product.product().id(), id)).findFirst();
    }

    private static ProductContext context(ProductFolder folder, MeshConfig config) {
        DataProduct product = folder.product().product();
        List<DataContract> contracts = new ArrayList<>();
        Map<String, SourceDocument> sources = new LinkedHashMap<>();
        for (ValidatedDocument.Contract contract : folder.contracts()) {
            contracts.add(contract.contract());
            if (contract.contract().id() != null) {
                sources.putIfAbsent(contract.contract().id(), contract.source());
            }
        }
        return new ProductContext(product, contracts, domain(config, product.domain()), Facts.NONE,
                folder.product().source(), sources);
    }

    static DomainInfo domain(MeshConfig config, String domainId) {
        if (config == null || domainId == null) {
            return DomainInfo.unknown(domainId);
        }
        return config.domain(domainId).map(DomainInfo::of).orElse(DomainInfo.unknown(domainId));
    }
}
