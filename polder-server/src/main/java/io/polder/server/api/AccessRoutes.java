package io.polder.server.api;

import static io.polder.server.http.QueryParameter.flag;
import static io.polder.server.http.QueryParameter.oneOf;
import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.RelationName;
import io.polder.model.odcs.SchemaObject;
import io.polder.registry.Cursor;
import io.polder.registry.Names;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.access.AccessFilter;
import io.polder.registry.access.AccessInbox;
import io.polder.registry.access.AccessRequest;
import io.polder.registry.access.AccessRequestState;
import io.polder.registry.access.AccessService;
import io.polder.registry.access.Approval;
import io.polder.registry.access.Grant;
import io.polder.registry.access.NewAccessRequest;
import io.polder.registry.access.OutputPort;
import io.polder.registry.auth.Action;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import io.polder.spi.PortRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Access to output ports: requests (anyone), the owners' inbox, approve / reject (a platform-admin, the owning
 * domain's owner, a member of the owning team), grants and their revocation, and the relation names consumers
 * query. An approval's row filter is checked here, with the gateway's own parse-tree check, against every table
 * of the port's contract before the grant is made.
 */
public final class AccessRoutes {
    private final AccessService access;
    private final RowFilterChecks rowFilters;
    private final JsonBodies bodies;

    public AccessRoutes(AccessService access, RowFilterChecks rowFilters, JsonBodies bodies) {
        this.access = requireNonNull(access, "access is null");
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
    }

    /**
     * The body of an access request.
     *
     * @param port the port, {@code PRODUCT/PORT}
     * @param days how long the grant should last, 1 to 730
     * @param unmask masked columns to see as published
     * @param rowScope the rows needed, in words; the approver writes the row filter
     * @param team request for this team (the caller must belong to it) instead of for the caller
     */
    public record RequestBody(String port, String purpose, Integer days, List<String> unmask, String rowScope,
                              String team) {
    }

    /**
     * The body of an approval; every field is optional.
     *
     * @param unmask the masked columns the grant shows (default: those requested)
     * @param rowFilter a boolean SQL expression over the port's columns; only those rows are shown
     * @param days how long the grant lasts (default: as requested)
     * @param reason a note for the requester
     */
    public record ApprovalBody(List<String> unmask, String rowFilter, Integer days, String reason) {
    }

    /** The body of a rejection or a revocation. */
    public record ReasonBody(String reason) {
    }

    /**
     * A relation consumers query: one table of an output port of a current product.
     *
     * @param relation the name at the port's current major version, {@code "PRODUCT/PORT".TABLE}
     * @param versionedRelation the name at this major version, {@code "PRODUCT/PORT/vMAJOR".TABLE}
     * @param version the port's version
     */
    public record PortRelation(String product, String port, String version, String table, String relation,
                               String versionedRelation, String contract) {
    }

    public List<Route> routes() {
        Access request = Access.requires(Action.REQUEST_ACCESS);
        Access read = Access.requires(Action.READ_ACCESS);
        Access decide = Access.requires(Action.DECIDE_ACCESS);
        List<String> states = Arrays.stream(AccessRequestState.values()).map(AccessRequestState::value).toList();
        return List.of(
                Route.post("/api/v1/access/requests").operation("requestAccess", "Request access to an output port"
                                + " (PRODUCT/PORT) for a purpose and a number of days, for yourself or your team; it"
                                + " waits in the owners' inbox (409 when the same grantee already has a pending request)")
                        .access(request).body(RequestBody.class).returns(Returns.json(201, AccessRequest.class))
                        .errors(ErrorCode.CONFLICT).handler(this::create),
                Route.get("/api/v1/access/requests").operation("listAccessRequests", "Access requests you may see:"
                                + " yours, your teams', and those for the ports you own (all, for platform-admin and"
                                + " governance), newest first")
                        .access(read).query(string("product", "only requests for this product's ports"),
                                oneOf("state", "only requests in this state", states))
                        .pageOf(AccessRequest.class).handler(this::listRequests),
                Route.get("/api/v1/access/requests/{id}").operation("getAccessRequest", "One access request")
                        .access(read).returns(Returns.json(200, AccessRequest.class))
                        .handler(ctx -> ctx.json(access.getRequest(Requests.principal(ctx), ctx.pathParam("id")))),
                Route.post("/api/v1/access/requests/{id}/approve").operation("approveAccessRequest", "Approve a"
                                + " pending request: a grant for its grantee, optionally with other columns unmasked, a"
                                + " row filter (checked against the port's contract) and another duration")
                        .access(decide).body(ApprovalBody.class).returns(Returns.json(200, AccessRequest.class))
                        .errors(ErrorCode.CONFLICT).handler(this::approve),
                Route.post("/api/v1/access/requests/{id}/reject").operation("rejectAccessRequest", "Reject a pending"
                                + " request, with a reason the requester sees")
                        .access(decide).body(ReasonBody.class).returns(Returns.json(200, AccessRequest.class))
                        .errors(ErrorCode.CONFLICT).handler(this::reject),
                Route.get("/api/v1/access/inbox").operation("accessInbox", "What waits for you as an owner: pending"
                                + " requests for your products' ports, and reminders of their grants about to expire")
                        .access(read).returns(Returns.json(200, AccessInbox.class))
                        .handler(ctx -> ctx.json(access.inbox(Requests.principal(ctx)))),
                Route.get("/api/v1/access/grants").operation("listGrants", "Grants you may see: yours, your teams',"
                                + " and those on the ports you own (all, for platform-admin and governance), newest"
                                + " first; expired and revoked ones only with lapsed=true")
                        .access(read).query(string("product", "only grants on this product's ports"),
                                flag("lapsed", "include expired and revoked grants"))
                        .pageOf(Grant.class).handler(this::listGrants),
                Route.get("/api/v1/access/grants/{id}").operation("getGrant", "One grant").access(read)
                        .returns(Returns.json(200, Grant.class))
                        .handler(ctx -> ctx.json(access.getGrant(Requests.principal(ctx), ctx.pathParam("id")))),
                Route.post("/api/v1/access/grants/{id}/revoke").operation("revokeGrant", "Revoke a grant, with a"
                                + " reason; it stops working from the next query on")
                        .access(decide).body(ReasonBody.class).returns(Returns.json(200, Grant.class))
                        .errors(ErrorCode.CONFLICT).handler(this::revoke),
                Route.get("/api/v1/relations").operation("listRelations", "The relations consumers query: one per"
                                + " table of every output port of the current products, named \"PRODUCT/PORT\".TABLE"
                                + " (and \"PRODUCT/PORT/vMAJOR\".TABLE)")
                        .access(Access.requires(Action.READ)).query(string("product", "only this product's ports"))
                        .pageOf(PortRelation.class).handler(this::relations));
    }

    private void create(Context ctx) {
        RequestBody body = bodies.read(ctx, RequestBody.class);
        if (body.port() == null) {
            throw InvalidRequest.badArgument("the request needs a port (PRODUCT/PORT, such as sales-orders/orders)");
        }
        AccessRequest created = access.request(Requests.principal(ctx), new NewAccessRequest(body.port(),
                body.purpose(), body.days(), body.unmask(), body.rowScope(), body.team()));
        ctx.status(201).json(created);
    }

    private void listRequests(Context ctx) {
        AccessFilter filter = AccessFilter.all().withProduct(Requests.string(ctx, "product"))
                .withState(Requests.parsed(ctx, "state", AccessRequestState::parse));
        ctx.json(access.listRequests(Requests.principal(ctx), filter, Requests.page(ctx)));
    }

    private void approve(Context ctx) {
        ApprovalBody body = bodies.read(ctx, ApprovalBody.class);
        AccessRequest request = access.requestToDecide(Requests.principal(ctx), ctx.pathParam("id"));
        if (body.rowFilter() != null && !body.rowFilter().isBlank()) {
            checkRowFilter(request, body.rowFilter());
        }
        ctx.json(access.approve(Requests.principal(ctx), request.id(),
                new Approval(body.unmask(), body.rowFilter(), body.days(), body.reason())));
    }

    private void checkRowFilter(AccessRequest request, String sql) {
        OutputPort port = access.outputPorts().find(request.product(), request.port())
                .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "the port "
                        + request.address() + " is no longer offered"));
        rowFilters.check(port, sql);
    }

    private void reject(Context ctx) {
        ReasonBody body = bodies.read(ctx, ReasonBody.class);
        ctx.json(access.reject(Requests.principal(ctx), ctx.pathParam("id"), body.reason()));
    }

    private void listGrants(Context ctx) {
        AccessFilter filter = AccessFilter.all().withProduct(Requests.string(ctx, "product"))
                .withLapsed(Requests.flag(ctx, "lapsed"));
        ctx.json(access.listGrants(Requests.principal(ctx), filter, Requests.page(ctx)));
    }

    private void revoke(Context ctx) {
        ReasonBody body = bodies.read(ctx, ReasonBody.class);
        ctx.json(access.revoke(Requests.principal(ctx), ctx.pathParam("id"), body.reason()));
    }

    private void relations(Context ctx) {
        String product = Requests.string(ctx, "product");
        if (product != null) {
            Names.requireId("product id", product);
        }
        PageRequest page = Requests.page(ctx);
        String after = page.cursor() == null ? null : Cursor.decode("relations", page.cursor(), 1).getFirst();
        List<PortRelation> all = relations(product);
        int start = 0;
        if (after != null) {
            while (start < all.size() && !all.get(start).relation().equals(after)) {
                start++;
            }
            start++;
        }
        List<PortRelation> rest = all.subList(Math.min(start, all.size()), all.size());
        List<PortRelation> items = rest.subList(0, Math.min(page.limit(), rest.size()));
        ctx.json(new Page<>(items, rest.size() > page.limit()
                ? Cursor.encode("relations", items.getLast().relation()) : null));
    }

    /** One row per table of every current output port (of {@code product}, when not null), in port order. */
    private List<PortRelation> relations(String product) {
        List<PortRelation> relations = new ArrayList<>();
        for (OutputPort port : access.outputPorts().list()) {
            if (product != null && !product.equals(port.product())) {
                continue;
            }
            PortRef ref = PortRef.of(port.product(), port.port(), port.version());
            for (SchemaObject table : port.tables()) {
                String tableName = OutputPort.tableName(table);
                relations.add(new PortRelation(port.product(), port.port(), port.version(), tableName,
                        RelationName.current(ref, tableName).sql(), RelationName.versioned(ref, tableName).sql(),
                        port.contractId()));
            }
        }
        return relations;
    }
}
