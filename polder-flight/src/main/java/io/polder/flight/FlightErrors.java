package io.polder.flight;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.QueryRefusedException;
import io.polder.gateway.QueryResult;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Polder's errors as Flight statuses. The description is the gateway's own message (what a JDBC client shows
 * as the SQLException's message); the error code and details also go along as trailing metadata
 * ({@code polder-code}, {@code polder-DETAIL}), for clients that read it.
 */
final class FlightErrors {
    private static final System.Logger LOG = System.getLogger(FlightErrors.class.getName());

    private FlightErrors() {
    }

    /** By the code's HTTP status, so a code added to {@link ErrorCode} maps without a change here. */
    static FlightStatusCode statusCode(ErrorCode code) {
        int status = code.httpStatus();
        return switch (status) {
            case 401 -> FlightStatusCode.UNAUTHENTICATED;
            case 403 -> FlightStatusCode.UNAUTHORIZED; // gRPC PERMISSION_DENIED
            case 404 -> FlightStatusCode.NOT_FOUND;
            case 409 -> FlightStatusCode.ALREADY_EXISTS;
            case 413, 429 -> FlightStatusCode.RESOURCE_EXHAUSTED;
            case 501 -> FlightStatusCode.UNIMPLEMENTED;
            case 503 -> FlightStatusCode.UNAVAILABLE;
            case 504 -> FlightStatusCode.TIMED_OUT;
            default -> status < 500 ? FlightStatusCode.INVALID_ARGUMENT : FlightStatusCode.INTERNAL;
        };
    }

    static FlightRuntimeException of(PolderException error) {
        if (error.getCause() instanceof ArrowBatchSink.MemoryExhausted) {
            // the gateway calls it a result it could not write (500); for the client it is a limit
            return CallStatus.RESOURCE_EXHAUSTED.withCause(error).withDescription(error.getCause().getMessage())
                    .toRuntimeException();
        }
        ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        metadata.insert("polder-code", error.code().name());
        for (Map.Entry<String, Object> detail : error.details().entrySet()) {
            if (detail.getValue() != null && detail.getKey().matches("[a-z0-9_.-]+")
                    && detail.getValue().toString().matches("[\\x20-\\x7e]*")) { // headers are printable ASCII
                metadata.insert("polder-" + detail.getKey(), detail.getValue().toString());
            }
        }
        return new CallStatus(statusCode(error), error, error.getMessage(), metadata).toRuntimeException();
    }

    /**
     * By the code, except a query cancelled at its timeout: over HTTP a limit (413) like the others, to Flight
     * TIMED_OUT (gRPC DEADLINE_EXCEEDED), which clients treat as a deadline rather than a resource spent.
     */
    static FlightStatusCode statusCode(PolderException error) {
        if (QueryRefusedException.TIMEOUT.equals(error.details().get(QueryRefusedException.LIMIT))) {
            return FlightStatusCode.TIMED_OUT;
        }
        return statusCode(error.code());
    }

    /** Anything the backend threw: a Flight status as it is, Polder's errors by code, the rest as INTERNAL. */
    static FlightRuntimeException of(RuntimeException error) {
        return switch (error) {
            case FlightRuntimeException flight -> flight;
            case PolderException polder -> of(polder);
            default -> {
                LOG.log(System.Logger.Level.ERROR, "a Flight SQL call failed", error);
                yield CallStatus.INTERNAL.withCause(error)
                        .withDescription("the Flight SQL endpoint failed; the server's log has the details").toRuntimeException();
            }
        };
    }

    /** The end of a result the row cap cut, for a client that asked to be told with an error (polder-truncation). */
    static FlightRuntimeException truncated(QueryResult result) {
        ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        metadata.insert("polder-code", ErrorCode.TOO_LARGE.name());
        metadata.insert("polder-truncated", "true");
        metadata.insert("polder-row-count", Long.toString(result.rowCount()));
        return CallStatus.RESOURCE_EXHAUSTED.withDescription("the result was cut at the row cap after "
                + result.rowCount() + " rows (they were sent); narrow the query, or aggregate, to see all of it")
                .withMetadata(metadata).toRuntimeException();
    }

    static FlightRuntimeException readOnly() {
        return CallStatus.UNAUTHORIZED.withDescription("the Polder query gateway is read-only: it runs one SELECT"
                + " (or WITH ... SELECT) statement; updates, inserts and bulk ingestion are refused").toRuntimeException();
    }
}
