package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** No snapshot with that id exists for the port. */
public class SnapshotNotFoundException extends EngineException {
    public SnapshotNotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public SnapshotNotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
