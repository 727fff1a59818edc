package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** An engine setting is unknown or has a value the engine cannot use. */
public class InvalidEngineConfigException extends EngineException {
    public InvalidEngineConfigException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public InvalidEngineConfigException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
