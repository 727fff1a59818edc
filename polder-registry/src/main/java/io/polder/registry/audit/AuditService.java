package io.polder.registry.audit;

import static java.util.Objects.requireNonNull;

import io.polder.registry.Cursor;
import io.polder.registry.Page;
import io.polder.registry.Pages;
import io.polder.registry.PageRequest;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.store.Database;
import io.polder.registry.store.Json;
import io.polder.registry.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads the audit log: newest first, filtered, a page at a time. Only platform-admin and governance may. */
public final class AuditService {
    private static final String LISTING = "audit";
    static final String LIST = """
            SELECT id, occurred_at, principal_name, principal_role, action, target, outcome, details
            FROM audit_events
            WHERE (:principal IS NULL OR principal_name = :principal)
              AND (:action IS NULL OR action = :action)
              AND (:target IS NULL OR target = :target)
              AND (:outcome IS NULL OR outcome = :outcome)
              AND (:since IS NULL OR occurred_at >= :since)
              AND (:until IS NULL OR occurred_at < :until)
              AND (:after IS NULL OR id < :after)
            ORDER BY id DESC
            LIMIT :limit""";

    private final Database database;
    private final Authorizer authorizer;

    public AuditService(Database database, Authorizer authorizer) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    /**
     * A page of the events that match {@code filter}, newest first.
     *
     * @throws io.polder.error.PolderException FORBIDDEN unless {@code reader} may read the audit log
     */
    public Page<AuditEvent> list(Principal reader, AuditFilter filter, PageRequest page) {
        authorizer.require(reader, Action.READ_AUDIT, "audit");
        String after = page.cursor() == null ? null : Cursor.decode(LISTING, page.cursor(), 1).get(0);
        List<AuditEvent> rows = database.read(handle -> handle.createQuery(LIST)
                .bind("principal", filter.principal())
                .bind("action", filter.action())
                .bind("target", filter.target())
                .bind("outcome", filter.outcome() == null ? null : filter.outcome().value())
                .bind("since", Rows.millis(filter.since()))
                .bind("until", Rows.millis(filter.until()))
                .bind("after", after)
                .bind("limit", page.limit() + 1)
                .map(AuditService::event)
                .list());
        return Pages.of(rows, page.limit(), last -> Cursor.encode(LISTING, last.id()));
    }

    private static AuditEvent event(ResultSet row, StatementContext context) throws SQLException {
        return new AuditEvent(row.getString("id"), Rows.instant(row, "occurred_at"), row.getString("principal_name"),
                row.getString("principal_role"), row.getString("action"), row.getString("target"),
                AuditOutcome.parse(row.getString("outcome")), Json.readStringMap(row.getString("details")));
    }
}
