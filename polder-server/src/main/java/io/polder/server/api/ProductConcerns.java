package io.polder.server.api;

import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Product;
import io.polder.server.http.Concern;
import java.util.Optional;

/** What a request on the product of the {@code {id}} path parameter is about: that product, its domain and team. */
final class ProductConcerns {
    private ProductConcerns() {
    }

    /** @param doing the action in words, such as {@code building}; the product's id follows it */
    static Concern of(CatalogService catalog, String doing) {
        return ctx -> {
            String id = ctx.pathParam("id");
            String what = doing + " " + Names.quoteForMessage(id);
            try {
                Product product = catalog.getProductSummary(id);
                return Optional.of(new Concern.Concerned(what, product.domain(), product.team()));
            } catch (PolderException unknown) {
                return Optional.of(new Concern.Concerned(what, null, null));
            }
        };
    }
}
