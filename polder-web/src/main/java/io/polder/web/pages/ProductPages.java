package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Domain;
import io.polder.registry.catalog.Team;
import io.polder.model.odps.InputPort;
import io.polder.web.Lists;
import io.polder.web.LoadedProduct;
import io.polder.web.ProductSource;
import io.polder.web.session.Session;
import java.util.HashMap;
import java.util.Map;

/** The product page: what the catalog and the product's documents say about one product. */
public final class ProductPages {
    private final CatalogService catalog;
    private final ProductSource products;
    private final Pages pages;

    public ProductPages(CatalogService catalog, ProductSource products, Pages pages) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.products = requireNonNull(products, "products is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    public void product(Context ctx, Session session) {
        LoadedProduct loaded = products.load(ctx.pathParam("id"));
        Domain domain = catalog.getDomain(loaded.detail().product().domain());
        Team team = loaded.detail().product().team() == null ? null : team(loaded.detail().product().team());
        Chrome chrome = Pages.chrome(loaded.detail().product().name() == null ? loaded.id()
                : loaded.detail().product().name(), session, "catalog");
        pages.render(ctx, 200, "product.jte", ProductView.of(chrome, loaded, domain.name(), team, upstream(loaded)));
    }

    /** The product owning each contract the input ports read, by contract id, for those the registry holds. */
    private Map<String, String> upstream(LoadedProduct loaded) {
        Map<String, String> owners = new HashMap<>();
        for (InputPort port : Lists.orEmpty(loaded.document().inputPorts())) {
            String contractId = port.contractId();
            if (contractId == null || owners.containsKey(contractId)) {
                continue;
            }
            try {
                owners.put(contractId, catalog.getContract(contractId).contract().productId());
            } catch (PolderException e) {
                if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.INVALID_ARGUMENT) {
                    throw e;
                }
            }
        }
        return owners;
    }

    /** The owning team, or null when the registry does not (yet) hold a team of that id. */
    private Team team(String id) {
        try {
            return catalog.getTeam(id);
        } catch (PolderException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
