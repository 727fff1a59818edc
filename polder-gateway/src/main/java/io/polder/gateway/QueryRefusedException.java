package io.polder.gateway;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Map;

/**
 * A query the gateway did not run, or stopped: the {@link ErrorCode} says which kind (403 not granted or not
 * allowed, 400 not a valid query, 413 over a limit), the message says what to change, and the decision is the
 * audit record of the refusal.
 */
public class QueryRefusedException extends PolderException {
    /** The detail that names which limit stopped a query (413); so far only {@link #TIMEOUT} is named. */
    public static final String LIMIT = "limit";
    /** {@link #LIMIT}'s value for a query cancelled at its timeout. */
    public static final String TIMEOUT = "timeout";

    private final transient QueryDecision decision;

    QueryRefusedException(ErrorCode code, String message, Map<String, Object> details, QueryDecision decision,
                          Throwable cause) {
        super(code, message, details, cause);
        this.decision = decision;
    }

    public QueryDecision decision() {
        return decision;
    }

    /** Whether the query was cancelled at its timeout (rather than refused or stopped for another reason). */
    public boolean timedOut() {
        return TIMEOUT.equals(details().get(LIMIT));
    }
}
