package io.polder.spi.exceptions;

import io.polder.error.ErrorCode;

/** A snapshot may not be published: its checks failed, or it was never checked. */
public class PublishRejectedException extends EngineException {
    public PublishRejectedException(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    public PublishRejectedException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
