package io.polder.server.api;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.registry.Names;
import io.polder.registry.apply.LifecycleService;
import io.polder.registry.auth.Action;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.Product;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;

/** Moving a product through its lifecycle, with optimistic concurrency (If-Match). */
public final class LifecycleRoutes {
    private final LifecycleService lifecycle;
    private final CatalogService catalog;
    private final JsonBodies bodies;

    public LifecycleRoutes(LifecycleService lifecycle, CatalogService catalog, JsonBodies bodies) {
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
    }

    /**
     * The body of a lifecycle change.
     *
     * @param status draft, active, deprecated or retired
     * @param sunsetDate when a deprecated product will be retired ({@code YYYY-MM-DD}); only for deprecated
     */
    public record LifecycleChange(String status, String sunsetDate) {
    }

    public List<Route> routes() {
        return List.of(Route.post("/api/v1/products/{id}/lifecycle")
                .operation("changeLifecycle", "Move a product to another lifecycle status; needs If-Match with its"
                        + " ETag (428 without, 409 when stale); answers the product with its new ETag")
                .access(Access.requires(Action.CHANGE_LIFECYCLE))
                .concern(ProductConcerns.of(catalog, "changing the lifecycle status of")).body(LifecycleChange.class)
                .returns(Returns.json(200, Product.class))
                .errors(ErrorCode.CONFLICT, ErrorCode.PRECONDITION_REQUIRED).handler(this::change));
    }

    private void change(Context ctx) {
        long revision = ETags.requiredRevision(Collections.list(ctx.req().getHeaders("If-Match")));
        LifecycleChange change = bodies.read(ctx, LifecycleChange.class);
        LifecycleStatus status = InvalidRequest.checking(() -> LifecycleStatus.parse(change.status()));
        Product product = lifecycle.changeLifecycle(Requests.principal(ctx), ctx.pathParam("id"), status,
                sunsetDate(change.sunsetDate()), revision);
        ctx.header("ETag", ETags.of(product));
        ctx.json(product);
    }

    private static LocalDate sunsetDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw InvalidRequest.badArgument("sunsetDate must be a date such as 2027-01-31, found "
                    + Names.quoteForMessage(text));
        }
    }
}
