package io.polder.server.http;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A request the server refuses itself, before any service sees it: a malformed body, query parameter or
 * header. Refusals of changing requests are audited by the server, since no service saw them.
 */
public final class InvalidRequest extends PolderException {
    public InvalidRequest(ErrorCode code, String message) {
        super(code, message);
    }

    public InvalidRequest(ErrorCode code, String message, Map<String, Object> details) {
        super(code, message, details, null);
    }

    public static InvalidRequest badArgument(String message) {
        return new InvalidRequest(ErrorCode.INVALID_ARGUMENT, message);
    }

    /**
     * The value {@code parse} makes of the request, with its refusals (for example a record's own checks on
     * construction) reported as the request's fault.
     */
    public static <T> T checking(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidRequest e) {
            throw e;
        } catch (PolderException e) {
            throw new InvalidRequest(e.code(), e.getMessage(), e.details());
        }
    }
}
