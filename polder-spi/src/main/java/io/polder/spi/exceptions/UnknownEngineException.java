package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** No engine of the requested name is on the class path. */
public class UnknownEngineException extends EngineException {
    public UnknownEngineException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public UnknownEngineException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
