package io.polder.server.api;

import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.registry.auth.Action;
import io.polder.registry.governance.ComplianceReport;
import io.polder.registry.governance.ComplianceService;
import io.polder.registry.governance.PolicyList;
import io.polder.registry.governance.PolicyPreview;
import io.polder.registry.governance.PolicyService;
import io.polder.registry.governance.PreviewRequest;
import io.polder.server.http.Access;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.Requests;
import io.polder.server.http.Route;
import io.polder.server.http.Returns;
import java.util.List;

/**
 * Governance: the policies in force, a preview of candidate policies against the current products, and the
 * compliance view. Everyone authenticated reads the policies and the compliance view (the rules of the mesh
 * and how its products meet them are as open as the catalog); platform-admin, governance and domain owners
 * (who write their domain's policies) may preview; platform-admin and governance record a compliance snapshot
 * on demand (an apply records one by itself).
 */
public final class GovernanceRoutes {
    private final PolicyService policies;
    private final ComplianceService compliance;
    private final JsonBodies bodies;

    public GovernanceRoutes(PolicyService policies, ComplianceService compliance, JsonBodies bodies) {
        this.policies = requireNonNull(policies, "policies is null");
        this.compliance = requireNonNull(compliance, "compliance is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/policies").operation("listPolicies", "The policy set in force: its files, policies"
                                + " and exemptions, as the last apply of the mesh's policies/ folders left them")
                        .access(Access.requires(Action.READ)).returns(Returns.json(200, PolicyList.class))
                        .handler(this::list),
                Route.post("/api/v1/policies/preview").operation("previewPolicies", "Evaluate the policies of one file"
                                + " against the current products, changing nothing: which products each would fail,"
                                + " warn or not be evaluable on; 422 with file and line when the file does not load")
                        .access(Access.requires(Action.PREVIEW_POLICIES)).body(PreviewRequest.class)
                        .returns(Returns.json(200, PolicyPreview.class)).errors(ErrorCode.INVALID_DOCUMENT)
                        .handler(this::preview),
                Route.get("/api/v1/compliance").operation("getCompliance", "The current products evaluated against the"
                                + " policies in force: pass rates per domain and per policy, the failures, and the"
                                + " recorded history (one snapshot per apply and per POST). The latest evaluation is"
                                + " served again while nothing it depends on changed (products, contracts, lifecycle,"
                                + " domains, policies, check results: counted by the store, across replicas) and no"
                                + " exemption expired since; with a policy that reads `now`, or one stopped at its"
                                + " limit, it is at most "
                                + ComplianceService.NOW_MAX_AGE.toSeconds() + " s old;"
                                + " evaluatedAt says when it was made")
                        .access(Access.requires(Action.READ))
                        .query(string("domain", "only this domain's products and history"))
                        .returns(Returns.json(200, ComplianceReport.class)).handler(this::report),
                Route.post("/api/v1/compliance").operation("recordCompliance", "Record the current evaluation of the"
                                + " products (made again if anything it depends on changed) in the compliance history")
                        .access(Access.requires(Action.RECORD_COMPLIANCE))
                        .returns(Returns.json(200, ComplianceReport.class)).handler(this::record));
    }

    private void list(Context ctx) {
        ctx.json(policies.list(Requests.principal(ctx)));
    }

    private void preview(Context ctx) {
        PreviewRequest request = bodies.read(ctx, PreviewRequest.class);
        ctx.json(policies.preview(Requests.principal(ctx), request));
    }

    private void report(Context ctx) {
        ctx.json(compliance.report(Requests.principal(ctx), Requests.string(ctx, "domain")));
    }

    private void record(Context ctx) {
        ctx.json(compliance.record(Requests.principal(ctx)));
    }
}
