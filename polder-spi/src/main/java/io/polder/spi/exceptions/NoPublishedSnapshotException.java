package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** The port has never published a snapshot. */
public class NoPublishedSnapshotException extends EngineException {
    public NoPublishedSnapshotException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public NoPublishedSnapshotException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
