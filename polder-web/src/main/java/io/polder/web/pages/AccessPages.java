package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
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
import io.polder.web.MaskedColumns;
import io.polder.web.RowFilterCheck;
import io.polder.web.session.Session;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access to output ports in the browser: a consumer requests access from a port on a product page; the owners
 * (and platform-admins) decide in their inbox; grants are listed and revoked. Every action goes through the
 * registry's {@link AccessService}, which checks the role and audits, as it does for the API; a page offers a
 * decision exactly where that check would pass ({@link AccessService#inbox}, {@link AccessService#decidableAmong}).
 */
public final class AccessPages {
    private static final int LIST_SIZE = 50;
    /**
     * Refusals of a decision shown on the access page rather than the error page: a bad row filter or column, a
     * request or grant someone decided meanwhile, a port no longer offered. A refusal of the role still goes to the
     * error page: the page offers no decision the principal may not make.
     */
    private static final Set<ErrorCode> DECISION_REFUSALS = Set.of(ErrorCode.INVALID_ARGUMENT, ErrorCode.CONFLICT,
            ErrorCode.NOT_FOUND);
    /** The query parameters that page through the requests and the grants: the registry's cursors. */
    private static final String REQUESTS_CURSOR = "requests";
    private static final String GRANTS_CURSOR = "grants";
    /** What a notice in the URL may say after a redirect; anything else is ignored, never echoed. */
    private static final Map<String, String> NOTICES = Map.of(
            "requested", "Your request was sent to the port's owners.",
            "auto-approved", "Your request was approved at once: the port approves such requests by itself.",
            "approved", "The request was approved; the grant works from the next query.",
            "rejected", "The request was rejected; the requester sees your reason.",
            "revoked", "The grant was revoked; it stops working at the next query.",
            "revoked-expired", "The grant, expired already, is now revoked as well: the port's owners said no.");

    private final AccessService access;
    private final RowFilterCheck rowFilters;
    private final MaskedColumns masked;
    private final Clock clock;
    private final Pages pages;

    public AccessPages(AccessService access, RowFilterCheck rowFilters, MaskedColumns masked, Clock clock, Pages pages) {
        this.access = requireNonNull(access, "access is null");
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
        this.masked = requireNonNull(masked, "masked is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    /** The form that requests access to the port named by the {@code port} parameter ({@code PRODUCT/PORT}). */
    public void requestForm(Context ctx, Session session) {
        OutputPort port = port(ctx.queryParam("port"));
        renderForm(ctx, session, 200, port, RequestForm.blank(port.address()), null);
    }

    public void request(Context ctx, Session session) {
        String address = ctx.formParam("port");
        OutputPort port = port(address);
        RequestForm form = new RequestForm(port.address(), text(ctx.formParam("purpose")), text(ctx.formParam("days")),
                ctx.formParams("unmask"), text(ctx.formParam("rowScope")), text(ctx.formParam("team")));
        Pages.sendForm(Set.of(ErrorCode.INVALID_ARGUMENT, ErrorCode.CONFLICT), () -> {
            AccessRequest created = access.request(session.principal(), new NewAccessRequest(port.address(),
                    form.purpose(), days(form.days()), form.unmask(), form.rowScope(), form.team()));
            String notice = created.state() == AccessRequestState.APPROVED ? "auto-approved" : "requested";
            ctx.redirect(overviewUrl(notice, created.id()), HttpStatus.SEE_OTHER);
        }, refusal -> renderForm(ctx, session, refusal.code().httpStatus(), port, form, refusal.getMessage()));
    }

    /**
     * The access overview: what waits for the signed-in principal as an owner (pending requests with their
     * decision forms, grants about to expire), then the requests and grants it may see.
     */
    public void overview(Context ctx, Session session) {
        String notice = ctx.queryParam("notice");
        render(ctx, session, 200, notice == null ? null : NOTICES.get(notice), text(ctx.queryParam("request")), null,
                new Positions(text(ctx.queryParam(REQUESTS_CURSOR)), text(ctx.queryParam(GRANTS_CURSOR))));
    }

    public void approve(Context ctx, Session session) {
        String id = ctx.pathParam("id");
        String rowFilter = text(ctx.formParam("rowFilter"));
        String unmask = ctx.formParam("unmask");
        Pages.sendForm(DECISION_REFUSALS, () -> {
            AccessRequest request = access.requestToDecide(session.principal(), id);
            Approval approval = new Approval(unmask == null ? null : columns(unmask), rowFilter,
                    days(text(ctx.formParam("days"))), text(ctx.formParam("reason")));
            if (rowFilter != null) {
                OutputPort port = access.outputPorts().find(request.product(), request.port())
                        .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "the port " + request.address()
                                + " is no longer offered"));
                rowFilters.check(port, rowFilter);
            }
            access.approve(session.principal(), request.id(), approval);
            ctx.redirect(overviewUrl("approved", request.id()), HttpStatus.SEE_OTHER);
        }, refusal -> renderDecisionError(ctx, session, id, refusal));
    }

    public void reject(Context ctx, Session session) {
        String id = ctx.pathParam("id");
        Pages.sendForm(DECISION_REFUSALS, () -> {
            access.reject(session.principal(), id, text(ctx.formParam("reason")));
            ctx.redirect(overviewUrl("rejected", id), HttpStatus.SEE_OTHER);
        }, refusal -> renderDecisionError(ctx, session, id, refusal));
    }

    /** Revokes a grant, also one that expired already (the API takes both; see {@link GrantRow#revocable}). */
    public void revoke(Context ctx, Session session) {
        Pages.sendForm(DECISION_REFUSALS, () -> {
            Grant revoked = access.revoke(session.principal(), ctx.pathParam("id"), text(ctx.formParam("reason")));
            boolean expired = revoked.expiresAt() != null && !revoked.revokedAt().isBefore(revoked.expiresAt());
            ctx.redirect(overviewUrl(expired ? "revoked-expired" : "revoked", null), HttpStatus.SEE_OTHER);
        }, refusal -> renderDecisionError(ctx, session, null, refusal));
    }

    /** The overview again, with the failed decision's message next to its request. */
    private void renderDecisionError(Context ctx, Session session, String requestId, PolderException failure) {
        render(ctx, session, failure.code().httpStatus(), null, requestId, failure.getMessage(), Positions.FIRST);
    }

    private void render(Context ctx, Session session, int status, String notice, String highlight, String error,
                        Positions at) {
        AccessInbox inbox = access.inbox(session.principal());
        // approving needs the port still offered (the registry refuses it otherwise); rejecting does not
        Set<String> offered = access.outputPorts().offeredBy(inbox.pending().stream().map(AccessRequest::product)
                .toList());
        Page<AccessRequest> requestPage = access.listRequests(session.principal(), AccessFilter.all(),
                PageRequest.of(at.requests(), LIST_SIZE));
        Page<Grant> grantPage = access.listGrants(session.principal(), AccessFilter.all().withLapsed(true),
                PageRequest.of(at.grants(), LIST_SIZE));
        List<AccessRequest> requests = requestPage.items();
        List<Grant> grants = grantPage.items();
        Instant now = clock.instant();
        // the products whose grants the principal may revoke: the decision approve, reject and revoke check
        Set<String> decidable = access.decidableAmong(session.principal(), grants.stream()
                .filter(grant -> grant.revokedAt() == null).map(Grant::product).toList());
        List<GrantRow> grantRows = new ArrayList<>();
        for (Grant grant : grants) {
            grantRows.add(new GrantRow(grant, grant.lapsedAt(now),
                    grant.revokedAt() == null && decidable.contains(grant.product())));
        }
        pages.render(ctx, status, "access.jte", new AccessView(Pages.chrome("Access", session, "access"), notice,
                highlight, inbox, offered, requests, grantRows, error,
                requestPage.next().map(next -> new Positions(next, at.grants()).url()).orElse(null),
                grantPage.next().map(next -> new Positions(at.requests(), next).url()).orElse(null)));
    }

    private void renderForm(Context ctx, Session session, int status, OutputPort port, RequestForm form,
                            String error) {
        List<ColumnChoice> columns = new ArrayList<>();
        for (SchemaObject table : port.tables()) {
            Set<String> maskedColumns = masked.of(table);
            for (SchemaProperty property : table.properties()) {
                String name = property.physicalName() != null ? property.physicalName() : property.name();
                if (name != null && maskedColumns.contains(name)) {
                    columns.add(new ColumnChoice(OutputPort.tableName(table), name, property.classification(),
                            form.unmask().contains(name)));
                }
            }
        }
        pages.render(ctx, status, "access-request.jte", new RequestView(Pages.chrome("Request access", session,
                "access"), port, Urls.product(port.product()), form, columns,
                access.teamsToRequestFor(session.principal()), error));
    }

    private OutputPort port(String address) {
        if (address == null || address.isBlank()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "name the port to request access to, as PRODUCT/PORT");
        }
        int slash = address.indexOf('/');
        if (slash <= 0 || slash == address.length() - 1 || address.indexOf('/', slash + 1) >= 0) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "a port is named PRODUCT/PORT, found "
                    + Names.quoteForMessage(address));
        }
        String product = address.substring(0, slash);
        String name = address.substring(slash + 1);
        return access.outputPorts().find(product, name).orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND,
                "no product offers the output port " + Names.quoteForMessage(address)));
    }

    /** The overview with a notice (one of {@link #NOTICES}) about a request. */
    private static String overviewUrl(String notice, String request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("notice", notice);
        parameters.put("request", request);
        return Urls.withQuery("/ui/access", parameters);
    }

    private static Integer days(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "days must be a whole number, found "
                    + Names.quoteForMessage(text), Map.of("field", "days"), null);
        }
    }

    private static List<String> columns(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(column -> !column.isEmpty()).toList();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the request form shows again after a refusal. */
    public record RequestForm(String port, String purpose, String days, List<String> unmask, String rowScope,
                              String team) {
        public RequestForm {
            unmask = unmask == null ? List.of() : List.copyOf(unmask);
        }

        static RequestForm blank(String port) {
            return new RequestForm(port, null, "90", List.of(), null, null);
        }
    }

    /** A column the gateway masks, which the requester may ask to see as published. */
    public record ColumnChoice(String table, String name, String classification, boolean checked) {
    }

    /**
     * @param teams the teams the principal may request for, offered as the grantee instead of itself (those it
     *        belongs to; every team for a platform-admin)
     */
    public record RequestView(Chrome chrome, OutputPort port, String productUrl, RequestForm form,
                              List<ColumnChoice> columns, List<String> teams, String error) {
        public RequestView {
            teams = List.copyOf(teams);
        }
    }

    /**
     * A grant as the page lists it: whether it still works, and whether the viewer may revoke it.
     *
     * @param revocable whether the registry would accept the viewer's revocation: not revoked yet (an expired grant
     *        may still be revoked, which records that the owners said no: an apply then asks no more for the input
     *        port it served), on a product the viewer may decide on (a platform-admin, or an owner of the product)
     */
    public record GrantRow(Grant grant, boolean lapsed, boolean revocable) {
        /** active, revoked or expired */
        public String state() {
            return grant.revokedAt() != null ? "revoked" : lapsed ? "expired" : "active";
        }
    }

    /** Where the overview's two lists start: a cursor each, null for the newest. */
    private record Positions(String requests, String grants) {
        static final Positions FIRST = new Positions(null, null);

        String url() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put(REQUESTS_CURSOR, requests);
            parameters.put(GRANTS_CURSOR, grants);
            return Urls.withQuery("/ui/access", parameters);
        }
    }

    /**
     * @param highlight the request a notice or an error is about, or null
     * @param offeredPorts the addresses of the ports the inbox's requests are for that are still offered
     * @param error the message of a refused decision on {@code highlight}, or null
     * @param olderRequests the link to the older requests, or null when these are the oldest
     * @param olderGrants the link to the older grants, or null when these are the oldest
     */
    public record AccessView(Chrome chrome, String notice, String highlight, AccessInbox inbox,
                             Set<String> offeredPorts, List<AccessRequest> requests, List<GrantRow> grants,
                             String error, String olderRequests, String olderGrants) {
        public AccessView {
            offeredPorts = Set.copyOf(offeredPorts);
        }

        /**
         * Whether the registry would approve the inbox's {@code request}: its port is still offered (its product is
         * not retired, its current version has the port). Otherwise it can only be rejected.
         */
        public boolean approvable(AccessRequest request) {
            return offeredPorts.contains(request.address());
        }

        /** The refusal to show at the top: one about no request of the inbox (a grant, a request decided meanwhile). */
        public String refusal() {
            boolean atARequest = highlight != null
                    && inbox.pending().stream().anyMatch(request -> request.id().equals(highlight));
            return error == null || atARequest ? null : error;
        }
    }
}
