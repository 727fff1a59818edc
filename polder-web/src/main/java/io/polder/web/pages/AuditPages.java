package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.audit.AuditService;
import io.polder.web.session.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log, filtered and paged, for the roles the API lets read it: the registry's
 * {@link AuditService} checks the role (and records a refusal), as it does for the API.
 */
public final class AuditPages {
    private static final int PAGE_SIZE = 50;

    private final AuditService audit;
    private final Pages pages;

    public AuditPages(AuditService audit, Pages pages) {
        this.audit = requireNonNull(audit, "audit is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    public void log(Context ctx, Session session) {
        Filters filters = new Filters(blankToNull(ctx.queryParam("principal")), blankToNull(ctx.queryParam("action")),
                blankToNull(ctx.queryParam("target")), blankToNull(ctx.queryParam("outcome")));
        AuditFilter filter = AuditFilter.all().withPrincipal(filters.principal()).withAction(filters.action())
                .withTarget(filters.target())
                .withOutcome(filters.outcome() == null ? null : AuditOutcome.parse(filters.outcome()));
        Page<AuditEvent> events = audit.list(session.principal(), filter,
                PageRequest.of(blankToNull(ctx.queryParam("cursor")), PAGE_SIZE));
        String next = events.next().map(cursor -> {
            Map<String, String> parameters = filters.asParameters();
            parameters.put("cursor", cursor);
            return Urls.withQuery("/ui/audit", parameters);
        }).orElse(null);
        pages.render(ctx, 200, "audit.jte", new AuditView(Pages.chrome("Audit log", session, "audit"), filters,
                events.items(), next, List.of(AuditOutcome.values())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The filters as the form shows them again. */
    public record Filters(String principal, String action, String target, String outcome) {
        Map<String, String> asParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("principal", principal);
            parameters.put("action", action);
            parameters.put("target", target);
            parameters.put("outcome", outcome);
            return parameters;
        }
    }

    public record AuditView(Chrome chrome, Filters filters, List<AuditEvent> events, String nextPage,
                            List<AuditOutcome> outcomes) {
    }
}
