package io.polder.registry.audit;

import static java.util.Objects.requireNonNull;

import io.polder.registry.auth.Action;
import io.polder.registry.auth.Principal;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import io.polder.registry.store.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit events. A change is recorded in the transaction that makes it, so the log and the
 * registry never disagree; a refusal is recorded on its own, after whatever it refused was rolled back.
 */
public final class AuditLog {
    static final String INSERT = """
            INSERT INTO audit_events (id, occurred_at, principal_name, principal_role, action, target, outcome, details)
            VALUES (:id, :occurredAt, :principal, :role, :action, :target, :outcome, :details)""";

    /** The actions of events without a principal ({@link #recordAnonymous}): a refused token, a web sign-in. */
    public static final List<String> ANONYMOUS_ACTIONS = List.of("authenticate", "sign-in");

    private final Database database;
    private final Ids ids;
    private final Clock clock;

    public AuditLog(Database database, Ids ids, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Records an event as part of the transaction on {@code handle}. */
    public AuditEvent record(Handle handle, Principal principal, Action action, String target, AuditOutcome outcome,
                             Map<String, String> details) {
        AuditEvent event = new AuditEvent(ids.next(), Instant.ofEpochMilli(clock.millis()), principal.name(),
                principal.role().value(), action.value(), target, outcome, details);
        insert(handle, event);
        return event;
    }

    /** Records an event in a transaction of its own. */
    public AuditEvent record(Principal principal, Action action, String target, AuditOutcome outcome,
                             Map<String, String> details) {
        return database.write(handle -> record(handle, principal, action, target, outcome, details));
    }

    /**
     * Records an event of a caller the registry has no principal for (for example a request with an
     * invalid token), in a transaction of its own.
     *
     * @throws IllegalArgumentException when {@code action} is not one of {@link #ANONYMOUS_ACTIONS}
     */
    public AuditEvent recordAnonymous(String principalName, String action, String target, AuditOutcome outcome,
                                      Map<String, String> details) {
        if (!ANONYMOUS_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("an anonymous audit event's action is one of " + ANONYMOUS_ACTIONS
                    + ", found " + action);
        }
        AuditEvent event = new AuditEvent(ids.next(), Instant.ofEpochMilli(clock.millis()), principalName, null,
                action, target, outcome, details);
        database.writeVoid(handle -> insert(handle, event));
        return event;
    }

    private static void insert(Handle handle, AuditEvent event) {
        handle.createUpdate(INSERT)
                .bind("id", event.id())
                .bind("occurredAt", event.time().toEpochMilli())
                .bind("principal", event.principal())
                .bind("role", event.role())
                .bind("action", event.action())
                .bind("target", event.target())
                .bind("outcome", event.outcome().value())
                .bind("details", Json.write(event.details()))
                .execute();
    }
}
