package io.polder.server.api;

import io.polder.server.http.Access;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import io.polder.server.metrics.Metrics;
import java.util.List;
import java.util.function.Supplier;

/** The routes anyone may call, without a token: health, the OpenAPI document, metrics. */
public final class SystemRoutes {
    private SystemRoutes() {
    }

    /** What {@code GET /api/v1/health} answers once the server is ready. */
    public record Health(String status) {
    }

    /** @param openApiDocument the OpenAPI document of all routes, as JSON */
    public static List<Route> routes(Metrics metrics, Supplier<String> openApiDocument) {
        return List.of(
                Route.get("/api/v1/health").operation("health", "Whether the server is ready: 200 once it is")
                        .access(Access.anyone()).returns(Returns.json(200, Health.class))
                        .handler(ctx -> ctx.json(new Health("ok"))),
                Route.get("/api/openapi.json").operation("openApi", "This API described in OpenAPI 3.1")
                        .access(Access.anyone()).returns(Returns.document(Returns.JSON))
                        .handler(ctx -> ctx.contentType(Returns.JSON).result(openApiDocument.get())),
                Route.get("/metrics").operation("metrics", "Metrics in the Prometheus text format")
                        .access(Access.anyone()).returns(Returns.document(Metrics.CONTENT_TYPE))
                        .handler(ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape())));
    }
}
