package io.polder.server.http;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Map;

/**
 * Every error the API answers, whatever failed: {@code {"code": "NOT_FOUND", "message": "...", "details": {}}}.
 * The status is the code's HTTP status.
 *
 * @param code an {@link ErrorCode} name
 */
public record ErrorBody(String code, String message, Map<String, Object> details) {
    public ErrorBody {
        details = details == null ? Map.of() : details;
    }

    public static ErrorBody of(PolderException e) {
        return new ErrorBody(e.code().name(), e.getMessage(), e.details());
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code.name(), message, Map.of());
    }
}
