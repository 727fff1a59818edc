package io.polder.server.api;

import static io.polder.server.http.QueryParameter.oneOf;
import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.audit.AuditService;
import io.polder.registry.auth.Action;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.Requests;
import io.polder.server.http.Route;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The audit log: platform-admin and governance read it, newest first, filtered. */
public final class AuditRoutes {
    /** Every action an audit event can name: the authorisation actions and those of events without a principal. */
    public static final List<String> ACTIONS = Stream.concat(Arrays.stream(Action.values()).map(Action::value),
            AuditLog.ANONYMOUS_ACTIONS.stream()).sorted().toList();

    private final AuditService audit;

    public AuditRoutes(AuditService audit) {
        this.audit = requireNonNull(audit, "audit is null");
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/audit").operation("listAuditEvents", "The audit log, newest first")
                .access(Access.requires(Action.READ_AUDIT))
                .query(string("principal", "only events of this principal"),
                        oneOf("action", "only events of this action, such as apply-product", ACTIONS),
                        string("target", "only events about this target, such as product/sales-orders"),
                        oneOf("outcome", "only events with this outcome", CatalogRoutes.spellings(AuditOutcome.values())),
                        string("since", "only events at or after this instant (ISO-8601, such as 2026-01-31T00:00:00Z)"),
                        string("until", "only events before this instant (ISO-8601)"))
                .pageOf(AuditEvent.class).handler(this::list));
    }

    private void list(Context ctx) {
        AuditFilter filter = InvalidRequest.checking(() -> new AuditFilter(Requests.string(ctx, "principal"),
                Requests.parsed(ctx, "action", AuditRoutes::action), Requests.string(ctx, "target"),
                Requests.parsed(ctx, "outcome", AuditOutcome::parse), Requests.instant(ctx, "since"),
                Requests.instant(ctx, "until")));
        ctx.json(audit.list(Requests.principal(ctx), filter, Requests.page(ctx)));
    }

    private static String action(String value) {
        if (!ACTIONS.contains(value)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown audit action " + Names.quoteForMessage(value)
                    + "; the actions are " + String.join(", ", ACTIONS));
        }
        return value;
    }
}
