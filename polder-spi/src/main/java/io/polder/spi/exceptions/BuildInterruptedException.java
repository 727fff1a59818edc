package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** The build was interrupted (its thread was interrupted, or the engine was closed) before it finished. */
public class BuildInterruptedException extends EngineException {
    public BuildInterruptedException(String message) {
        super(ErrorCode.INTERNAL, message);
    }

    public BuildInterruptedException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
