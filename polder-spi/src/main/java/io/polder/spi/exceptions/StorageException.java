package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** Reading or writing the warehouse failed (a full disk, a file that vanished). */
public class StorageException extends EngineException {
    public StorageException(String message) {
        super(ErrorCode.INTERNAL, message);
    }

    public StorageException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
