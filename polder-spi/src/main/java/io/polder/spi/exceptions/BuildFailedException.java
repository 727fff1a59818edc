package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** The build failed for a reason the engine could not classify more precisely; the message carries the engine's own. */
public class BuildFailedException extends EngineException {
    public BuildFailedException(String message) {
        super(ErrorCode.INTERNAL, message);
    }

    public BuildFailedException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
