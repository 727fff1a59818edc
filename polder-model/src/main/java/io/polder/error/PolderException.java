package io.polder.error;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The one unchecked exception family of Polder. Travels as JSON {@code {code, message, details}} over
 * HTTP and as an exit code on the command line, both taken from its {@link ErrorCode}.
 */
public class PolderException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public PolderException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public PolderException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.details = Map.copyOf(requireNonNull(details, "details is null"));
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
