package io.polder.flight;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Authenticates every Flight call by its {@code Authorization: Bearer TOKEN} header (what the Flight SQL JDBC
 * driver's {@code token} property sends), before the call reaches the producer. A call without a valid token
 * is rejected with UNAUTHENTICATED; the producer reads the principal from the call's middleware, with what the
 * client asked of a result cut at the row cap ({@value #TRUNCATION_HEADER}).
 */
final class BearerAuthentication<P> implements FlightServerMiddleware.Factory<BearerAuthentication.Authenticated<P>> {
    private static final String PREFIX = "bearer ";
    /** The header with which a client asks for an error when the row cap cuts a result. */
    static final String TRUNCATION_HEADER = "polder-truncation";

    private final FlightQueries<P> queries;

    BearerAuthentication(FlightQueries<P> queries) {
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public Authenticated<P> onCallStarted(CallInfo info, CallHeaders headers, RequestContext context) {
        String header = headers.get("authorization");
        if (header == null || header.isBlank()) {
            throw CallStatus.UNAUTHENTICATED.withDescription("the Flight SQL endpoint needs a Polder API token:"
                    + " send it as 'Authorization: Bearer TOKEN' (the Flight SQL JDBC driver's token property);"
                    + " 'polder token create' makes one").toRuntimeException();
        }
        if (header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw CallStatus.UNAUTHENTICATED.withDescription("the Authorization header is not a bearer token; send"
                    + " 'Authorization: Bearer TOKEN' (user name and password are not accepted)").toRuntimeException();
        }
        String token = header.substring(PREFIX.length()).strip();
        java.util.Optional<P> principal;
        try {
            principal = queries.authenticate(token);
        } catch (RuntimeException e) {
            throw FlightErrors.of(e);
        }
        return new Authenticated<>(principal.orElseThrow(() -> CallStatus.UNAUTHENTICATED
                .withDescription("the token is not valid (unknown, expired or revoked)").toRuntimeException()),
                failsWhenTruncated(headers.get(TRUNCATION_HEADER)));
    }

    /**
     * What a client asks of a result the row cap cuts, in the {@value #TRUNCATION_HEADER} header: {@code rows}
     * (the default: the rows up to the cap, then the stream ends normally) or {@code error} (the rows up to the cap,
     * then the stream ends with RESOURCE_EXHAUSTED), for clients that cannot read a stream's app_metadata.
     */
    static boolean failsWhenTruncated(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("rows")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("error")) {
            return true;
        }
        throw CallStatus.INVALID_ARGUMENT.withDescription("the " + TRUNCATION_HEADER + " header is 'rows' (the"
                + " default) or 'error', found '" + value.substring(0, Math.min(value.length(), 40))
                .replaceAll("[^\\x20-\\x7e]", "?") + "'").toRuntimeException();
    }

    /**
     * The principal of one authenticated call, and whether a result cut at the row cap should end the stream with
     * an error ({@link #failsWhenTruncated}).
     */
    record Authenticated<P>(P principal, boolean failWhenTruncated) implements FlightServerMiddleware {
        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
            // nothing to add: the client keeps sending its own token
        }

        @Override
        public void onCallCompleted(CallStatus status) {
            // the gateway records each query's decision; a completed call adds nothing to it
        }

        @Override
        public void onCallErrored(Throwable err) {
            // as above
        }
    }
}
