package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** A source declared in {@code polder.yaml} cannot be reached: a missing file, a database that refuses the connection. */
public class SourceUnavailableException extends EngineException {
    public SourceUnavailableException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
