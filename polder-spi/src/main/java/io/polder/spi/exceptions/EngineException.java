package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Map;

/**
 * The base of every failure an engine reports. Each subclass fixes its {@link ErrorCode}, so the HTTP
 * status and the CLI exit code follow from the type of the failure, never from its message.
 */
public abstract class EngineException extends PolderException {
    protected EngineException(ErrorCode code, String message) {
        super(code, message);
    }

    protected EngineException(ErrorCode code, String message, Throwable cause) {
        super(code, message, Map.of(), cause);
    }
}
