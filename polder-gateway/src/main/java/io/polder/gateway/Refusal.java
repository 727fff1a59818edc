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

    static Refusal invalid(String message, Throwable cause) {
        return new Refusal(ErrorCode.INVALID_ARGUMENT, message, Map.of(), cause);
    }

    /** Over a limit: SQL length, time, memory (413). */
    static Refusal limit(String message, Throwable cause) {
        return new Refusal(ErrorCode.TOO_LARGE, message, Map.of(), cause);
    }

    /** Something failed in the gateway or DuckDB, not in the query (500). */
    static Refusal internal(String message, Throwable cause) {
        return new Refusal(ErrorCode.INTERNAL, message, Map.of(), cause);
    }
}
