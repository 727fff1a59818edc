package io.polder.server.api;

import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.registry.auth.Action;
import io.polder.registry.runs.LineageGraph;
import io.polder.registry.runs.LineageService;
import io.polder.server.http.Access;
import io.polder.server.http.QueryParameter;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import java.util.List;

/** Product-level lineage: which products feed which, through which ports, upstream and downstream. */
public final class LineageRoutes {
    private final LineageService lineage;

    public LineageRoutes(LineageService lineage) {
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/lineage").operation("getLineage", "The product graph: products as nodes,"
                        + " edges from an output port to the input ports that read its contract; around one product"
                        + " (upstream and downstream, up to depth edges) or the whole mesh")
                .access(Access.requires(Action.READ))
                .query(string("product", "centre the graph on this product"),
                        new QueryParameter("depth", "how many edges to follow each way: 1 to "
                                + LineageService.MAX_DEPTH + ", 3 by default", "integer", List.of(), false))
                .returns(Returns.json(200, LineageGraph.class)).handler(this::graph));
    }

    private void graph(Context ctx) {
        Integer depth = Requests.parsed(ctx, "depth", Integer::parseInt);
        ctx.json(lineage.graph(Requests.string(ctx, "product"), depth == null ? 3 : depth));
    }
}
