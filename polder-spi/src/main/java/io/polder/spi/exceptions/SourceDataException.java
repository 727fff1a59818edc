package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** A source was reached but its data is unusable: empty, with other columns than declared, or rows that do not parse. */
public class SourceDataException extends EngineException {
    public SourceDataException(String message) {
        super(ErrorCode.INVALID_DOCUMENT, message);
    }

    public SourceDataException(String message, Throwable cause) {
        super(ErrorCode.INVALID_DOCUMENT, message, cause);
    }
}
