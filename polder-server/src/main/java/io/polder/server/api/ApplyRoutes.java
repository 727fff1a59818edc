package io.polder.server.api;

import static io.polder.server.http.QueryParameter.flag;
import static io.polder.server.http.QueryParameter.repeatable;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.ApplyService;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.Plan;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Principal;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import io.polder.server.metrics.Metrics;
import java.util.List;
import java.util.Set;

/**
 * Plan and apply of mesh bundles. The gate lets in the roles that may publish products somewhere
 * (platform-admin, domain-owner); the apply service then checks every change of the plan against the
 * caller's domain, whatever the bundle says.
 */
public final class ApplyRoutes {
    /** Every role that may apply something; the apply service checks each change of the bundle on its own. */
    private static final Access APPLY = Access.requires(Action.SEND_BUNDLE);

    private final ApplyService apply;
    private final JsonBodies bodies;
    private final Metrics metrics;

    public ApplyRoutes(ApplyService apply, JsonBodies bodies, Metrics metrics) {
        this.apply = requireNonNull(apply, "apply is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/v1/plan").operation("plan", "What applying the bundle would change; changes nothing")
                        .access(APPLY).query(flag("prune", "also retire the products the bundle no longer declares"))
                        .body(MeshBundle.class).returns(Returns.json(200, Plan.class))
                        .errors(ErrorCode.CONFLICT, ErrorCode.INVALID_DOCUMENT).handler(this::plan),
                Route.post("/api/v1/apply").operation("apply",
                                "Apply the bundle: each product in its own transaction; idempotent; 409 when a version"
                                        + " would change or another apply got there first; 422 with problems when invalid;"
                                        + " 404 when a product named by `product` is not in the bundle")
                        .access(APPLY).query(flag("prune", "also retire the products the bundle no longer declares"),
                                flag("dryRun", "only plan: change nothing"),
                                repeatable("product", "apply only this product of the bundle (repeatable)"))
                        .body(MeshBundle.class).returns(Returns.json(200, Plan.class))
                        .errors(ErrorCode.CONFLICT, ErrorCode.INVALID_DOCUMENT, ErrorCode.NOT_FOUND).handler(this::apply));
    }

    private void plan(Context ctx) {
        Principal principal = Requests.principal(ctx);
        ApplyOptions options = InvalidRequest.checking(() ->
                new ApplyOptions(Requests.flag(ctx, "prune"), true, Set.of()));
        MeshBundle bundle = bodies.read(ctx, MeshBundle.class);
        ctx.json(metrics.timeApply("plan", () -> apply.plan(principal, bundle, options)));
    }

    private void apply(Context ctx) {
        Principal principal = Requests.principal(ctx);
        ApplyOptions options = InvalidRequest.checking(() -> new ApplyOptions(Requests.flag(ctx, "prune"),
                Requests.flag(ctx, "dryRun"), Set.copyOf(Requests.strings(ctx, "product"))));
        MeshBundle bundle = bodies.read(ctx, MeshBundle.class);
        String mode = options.dryRun() ? "dry-run" : "apply";
        ctx.json(metrics.timeApply(mode, () -> apply.apply(principal, bundle, options)));
    }
}
