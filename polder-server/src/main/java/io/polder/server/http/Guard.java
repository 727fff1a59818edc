package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Authenticator;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of every protected route: establishes who is calling from the {@code Authorization: Bearer}
 * header alone (never from another header or the body), answers 401 when nobody is, and 403 when the
 * caller's role may never take the route's action. Both refusals are audited.
 */
public final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    private static final String BEARER = "Bearer ";
    private static final int MAX_CREDENTIALS_LENGTH = 4096;
    /** How the audit log names a caller that presented no valid credentials. */
    static final String ANONYMOUS = "anonymous";

    private final List<Authenticator> authenticators;
    private final Authorizer authorizer;
    private final AuditLog audit;

    /** @param authenticators tried in order; the first that recognises the credentials decides */
    public Guard(List<Authenticator> authenticators, Authorizer authorizer, AuditLog audit) {
        this.authenticators = List.copyOf(authenticators);
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** The caller of {@code route}, or null for a public route; throws 401 or 403 otherwise. */
    Principal admit(Context ctx, Route route) {
        if (route.access().isPublic()) {
            return null;
        }
        Credentials credentials = credentials(ctx);
        Optional<Principal> principal = credentials.value() == null ? Optional.empty() : authenticate(credentials.value());
        if (principal.isEmpty()) {
            throw unauthenticated(route, credentials.problem() != null ? credentials.problem()
                    : "the token is not valid: unknown, expired or revoked");
        }
        if (!route.access().admits(principal.get())) {
            throw forbidden(principal.get(), route, concerned(ctx, route));
        }
        return principal.get();
    }

    private Optional<Principal> authenticate(String credentials) {
        for (Authenticator authenticator : authenticators) {
            Optional<Principal> principal = authenticator.authenticate(credentials);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }

    private static Credentials credentials(Context ctx) {
        List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
        if (headers.isEmpty()) {
            return Credentials.missing("no Authorization header");
        }
        if (headers.size() > 1) {
            return Credentials.missing("more than one Authorization header");
        }
        String header = headers.getFirst();
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Credentials.missing("the Authorization header is not a Bearer token");
        }
        String value = header.substring(BEARER.length()).strip();
        if (value.isEmpty() || value.length() > MAX_CREDENTIALS_LENGTH) {
            return Credentials.missing("the Bearer token is empty or too long");
        }
        return new Credentials(value, null);
    }

    private PolderException unauthenticated(Route route, String reason) {
        try {
            audit.recordAnonymous(ANONYMOUS, "authenticate", "api:" + route.key(), AuditOutcome.DENIED,
                    Map.of("reason", reason));
        } catch (RuntimeException e) {
            LOG.warn("could not audit a refused request to {}: {}", route.key(), e.toString());
        }
        return new PolderException(ErrorCode.UNAUTHENTICATED, reason + "; send Authorization: Bearer <API token>");
    }

    /**
     * Refuses in words about the request ("building 'sales-orders' needs ..."), or about the action when the
     * route cannot tell what the request concerns.
     */
    private PolderException forbidden(Principal principal, Route route, Optional<Concern.Concerned> concerned) {
        Access access = route.access();
        String required = concerned.map(access::describe).orElseGet(access::describe);
        String doing = concerned.map(Concern.Concerned::doing).orElse(access.action().value());
        PolderException refusal = new PolderException(ErrorCode.FORBIDDEN, doing + " needs " + required
                + "; you are " + principal.describeRole() + " (token '" + principal.name() + "')",
                Map.of("action", access.action().value(), "requiredRole", required), null);
        authorizer.recordDenied(principal, access.action(), "api:" + route.key(), refusal);
        return refusal;
    }

    /** What the refused request concerns; nothing when looking it up fails, which must not hide the refusal. */
    private static Optional<Concern.Concerned> concerned(Context ctx, Route route) {
        try {
            return route.concern().of(ctx);
        } catch (RuntimeException e) {
            LOG.debug("could not tell what a refused request to {} concerns: {}", route.key(), e.toString());
            return Optional.empty();
        }
    }

    /** The credentials a request presented, or why it presented none usable. */
    private record Credentials(String value, String problem) {
        static Credentials missing(String problem) {
            return new Credentials(null, problem);
        }
    }
}
