package io.polder.gateway;

import io.polder.error.ErrorCode;
import java.util.Map;

/**
 * Why a query is refused, before the gateway knows enough to write the decision; {@link QueryGateway} turns
 * it into a {@link QueryRefusedException} with the audit record.
 */
final class Refusal extends RuntimeException {
    final ErrorCode code;
    final Map<String, Object> details;

    private Refusal(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /** Not granted, or a construct a consumer may not use (403). */
    static Refusal forbidden(String message) {
        return new Refusal(ErrorCode.FORBIDDEN, message, Map.of(), null);
    }

    static Refusal forbidden(String message, Map<String, Object> details) {
        return new Refusal(ErrorCode.FORBIDDEN, message, details, null);
    }

    /** Not a valid query: syntax, several statements, an unknown column (400). */
    static Refusal invalid(String message) {
        return new Refusal(ErrorCode.INVALID_ARGUMENT, message, Map.of(), null);
    }

    static Refusal invalid(String message, Map<String, Object> details) {
        return new Refusal(ErrorCode.INVALID_ARGUMENT, message, details, null);
    }

    static Refusal invalid(String message, Throwable cause) {
        return new Refusal(ErrorCode.INVALID_ARGUMENT, message, Map.of(), cause);
    }

    /** Over a limit: SQL length, time, memory (413). */
    static Refusal limit(String message, Throwable cause) {
        return new Refusal(ErrorCode.TOO_LARGE, message, Map.of(), cause);
    }

    /**
     * The query ran longer than its timeout (413, as every limit over HTTP); {@value QueryRefusedException#LIMIT}
     * {@value QueryRefusedException#TIMEOUT} among the details tells it from the other limits, for clients with a
     * status of their own for it (Flight's TIMED_OUT).
     */
    static Refusal timedOut(String message, Throwable cause) {
        return new Refusal(ErrorCode.TOO_LARGE, message, Map.of(QueryRefusedException.LIMIT, QueryRefusedException.TIMEOUT),
                cause);
    }

    /** Something failed in the gateway or DuckDB, not in the query (500). */
    static Refusal internal(String message, Throwable cause) {
        return new Refusal(ErrorCode.INTERNAL, message, Map.of(), cause);
    }
}
