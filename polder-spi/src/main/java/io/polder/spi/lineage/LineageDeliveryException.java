package io.polder.spi.lineage;

import io.polder.error.ErrorCode;
import io.polder.spi.exceptions.EngineException;

/** A lineage event could not be delivered (the endpoint refused it, or did not answer in time). */
public class LineageDeliveryException extends EngineException {
    public LineageDeliveryException(String message) {
        super(ErrorCode.INTERNAL, message);
    }

    public LineageDeliveryException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
