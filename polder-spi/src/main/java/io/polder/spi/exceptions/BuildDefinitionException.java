package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** A product's build is wrong as written: its SQL, its {@code polder.yaml}, or how they fit its contracts. */
public class BuildDefinitionException extends EngineException {
    public BuildDefinitionException(String message) {
        super(ErrorCode.INVALID_DOCUMENT, message);
    }

    public BuildDefinitionException(String message, Throwable cause) {
        super(ErrorCode.INVALID_DOCUMENT, message, cause);
    }
}
