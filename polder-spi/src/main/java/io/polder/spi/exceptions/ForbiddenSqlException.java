package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** SQL (of a build or of a quality rule) reaches for something it may not: files, another product's internals, settings. */
public class ForbiddenSqlException extends EngineException {
    public ForbiddenSqlException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }

    public ForbiddenSqlException(String message, Throwable cause) {
        super(ErrorCode.FORBIDDEN, message, cause);
    }
}
