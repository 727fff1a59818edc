package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** Work went over a limit the engine runs with: the statement timeout, the memory limit, the temporary disk space. */
public class ResourceLimitException extends EngineException {
    public ResourceLimitException(String message) {
        super(ErrorCode.TOO_LARGE, message);
    }

    public ResourceLimitException(String message, Throwable cause) {
        super(ErrorCode.TOO_LARGE, message, cause);
    }
}
