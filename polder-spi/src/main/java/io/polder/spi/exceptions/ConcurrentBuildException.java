package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** Another build of the same product is running. */
public class ConcurrentBuildException extends EngineException {
    public ConcurrentBuildException(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    public ConcurrentBuildException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
