package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** An input port reads an output port that has no published snapshot yet. */
public class InputNotPublishedException extends EngineException {
    public InputNotPublishedException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public InputNotPublishedException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
