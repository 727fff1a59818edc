package io.polder.server.api;

import static io.polder.server.http.QueryParameter.oneOf;
import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.registry.auth.Action;
import io.polder.registry.usage.ProductUsage;
import io.polder.registry.usage.QueryUsage;
import io.polder.registry.usage.UsageFilter;
import io.polder.registry.usage.UsageOutcome;
import io.polder.registry.usage.UsageService;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import java.util.List;

/**
 * The gateway's usage log: every query with the ports and columns it read, its rows, duration and outcome; and
 * per product, how much each consumer used it. Any token may ask: platform-admin and governance see every query,
 * a product's owners (its domain's owners, its owning team's members) the queries of their products, everyone
 * else their own.
 */
public final class UsageRoutes {
    private final UsageService usage;

    public UsageRoutes(UsageService usage) {
        this.usage = requireNonNull(usage, "usage is null");
    }

    public List<Route> routes() {
        Access read = Access.requires(Action.READ_USAGE);
        return List.of(
                Route.get("/api/v1/usage").operation("listUsage", "Queries through the gateway, newest first, with the"
                                + " output ports and columns each read (those you may see: all for platform-admin and"
                                + " governance, your products' for their owners, your own for everyone)")
                        .access(read).query(string("product", "only queries that read an output port of this product"),
                                string("principal", "only queries of this principal"),
                                oneOf("outcome", "only queries with this outcome", CatalogRoutes.spellings(UsageOutcome.values())))
                        .pageOf(QueryUsage.class).handler(this::list),
                Route.get("/api/v1/products/{id}/usage").operation("getProductUsage", "How each consumer queried the"
                                + " product's output ports: queries by outcome, rows, the last query (every consumer"
                                + " for the product's owners, platform-admin and governance; your own line otherwise)")
                        .access(read).returns(Returns.json(200, ProductUsage.class))
                        .handler(ctx -> ctx.json(usage.consumers(Requests.principal(ctx), ctx.pathParam("id")))));
    }

    private void list(Context ctx) {
        UsageFilter filter = InvalidRequest.checking(() -> new UsageFilter(Requests.string(ctx, "product"),
                Requests.string(ctx, "principal"), Requests.parsed(ctx, "outcome", UsageOutcome::parse)));
        ctx.json(usage.list(Requests.principal(ctx), filter, Requests.page(ctx)));
    }
}
