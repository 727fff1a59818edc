package io.polder.registry.audit;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.time.Instant;

/**
 * Which audit events to list; null components do not filter. Events are listed newest first.
 *
 * @param since events at or after this time
 * @param until events before this time
 */
public record AuditFilter(String principal, String action, String target, AuditOutcome outcome, Instant since,
                          Instant until) {
    private static final int MAX_TEXT = 1000;

    public AuditFilter {
        requireShort("principal", principal);
        requireShort("action", action);
        requireShort("target", target);
        if (since != null && until != null && until.isBefore(since)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "until (" + until + ") is before since (" + since + ")");
        }
    }

    /** Every event. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null);
    }

    public AuditFilter withPrincipal(String value) {
        return new AuditFilter(value, action, target, outcome, since, until);
    }

    public AuditFilter withAction(String value) {
        return new AuditFilter(principal, value, target, outcome, since, until);
    }

    public AuditFilter withTarget(String value) {
        return new AuditFilter(principal, action, value, outcome, since, until);
    }

    public AuditFilter withOutcome(AuditOutcome value) {
        return new AuditFilter(principal, action, target, value, since, until);
    }

    public AuditFilter between(Instant from, Instant to) {
        return new AuditFilter(principal, action, target, outcome, from, to);
    }

    private static void requireShort(String what, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, what + " filter is longer than " + MAX_TEXT + " characters");
        }
    }
}
