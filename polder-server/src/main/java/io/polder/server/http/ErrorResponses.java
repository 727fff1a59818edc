package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception mapper: every failure becomes an {@link ErrorBody} with its code's status. Internal
 * failures are logged with a reference and answered with that reference only; no stack trace, SQL or
 * class name ever reaches a response.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** Largest unread body read away after a refusal; a larger one closes the connection. */
    private static final long DRAIN_LIMIT_BYTES = 4L * 1024 * 1024;

    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final PageAnswers pages;

    /** @param pages answers people (a browser, an address under the web UI) whom JSON would not serve */
    public ErrorResponses(ObjectMapper mapper, AuditLog audit, PageAnswers pages) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    /**
     * The web UI's side of the errors.
     *
     * @param wantsPage whether a request is a person's, to be answered with a page
     * @param notFound  answers such a request for an unknown address with the UI's 404 page
     */
    public record PageAnswers(Predicate<Context> wantsPage, Consumer<Context> notFound) {
        public PageAnswers {
            requireNonNull(wantsPage, "wantsPage is null");
            requireNonNull(notFound, "notFound is null");
        }
    }

    void polder(PolderException e, Context ctx) {
        if (e.code() == ErrorCode.INTERNAL) {
            internal(e, ctx);
            return;
        }
        if (e instanceof InvalidRequest) {
            auditRefusal(ctx, e);
        }
        if (e.code() == ErrorCode.UNAUTHENTICATED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"polder\"");
        }
        drainUnreadBody(ctx, e.code());
        write(ctx, e.code().httpStatus(), ErrorBody.of(e));
    }

    /**
     * A refusal answered before the body was read (401 and 403 are decided from the headers) leaves the body
     * in the connection. Read it away, up to a bound, so the client can finish sending and read the answer,
     * and its next request on this keep-alive connection is not met by a closed socket; past the bound, or
     * for a body refused as too large, the connection is closed instead.
     */
    private static void drainUnreadBody(Context ctx, ErrorCode code) {
        if (code == ErrorCode.TOO_LARGE) {
            ctx.header("Connection", "close");
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[16 * 1024];
            long drained = 0;
            int read;
            while (drained <= DRAIN_LIMIT_BYTES && (read = in.read(buffer)) > 0) {
                drained += read;
            }
            if (drained > DRAIN_LIMIT_BYTES) {
                ctx.header("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            ctx.header("Connection", "close");
        }
    }

    /** Javalin's own refusals: no route (404), another method (405), a body over its limit (413). */
    void javalin(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 404 && pages.wantsPage().test(ctx)) {
            pages.notFound().accept(ctx);
            return;
        }
        ErrorCode code = switch (e.getStatus()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.TOO_LARGE;
            default -> e.getStatus() >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT;
        };
        String message = switch (code) {
            case NOT_FOUND -> "no route " + ctx.method() + " " + Names.quoteForMessage(ctx.path())
                    + "; the routes are listed at /api/openapi.json";
            case METHOD_NOT_ALLOWED -> Names.quoteForMessage(ctx.path()) + " does not answer " + ctx.method()
                    + "; the routes are listed at /api/openapi.json";
            case TOO_LARGE -> "the request is too large";
            case INTERNAL -> "internal error";
            default -> "the request was refused (HTTP " + e.getStatus() + ")";
        };
        write(ctx, code.httpStatus(), ErrorBody.of(code, message));
    }

    void unexpected(Exception e, Context ctx) {
        internal(e, ctx);
    }

    /** An {@link Error} (out of memory, stack overflow) escaped a handler: answer 500 if the response still can. */
    void fatal(HttpServletResponse response, Error error) {
        String reference = UUID.randomUUID().toString();
        LOG.error("fatal error {} while answering a request", reference, error);
        try {
            if (!response.isCommitted()) {
                response.setStatus(500);
                response.setContentType("application/json");
                response.getOutputStream().write(json(new ErrorBody(ErrorCode.INTERNAL.name(),
                        "internal error; the server log has the details under reference " + reference,
                        Map.of("reference", reference))));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not answer after fatal error {}: {}", reference, e.toString());
        }
    }

    private void internal(Exception e, Context ctx) {
        String reference = UUID.randomUUID().toString();
        LOG.error("internal error {} answering {} {}", reference, ctx.method(), routeName(ctx), e);
        write(ctx, 500, new ErrorBody(ErrorCode.INTERNAL.name(), "internal error; the server log has the details"
                + " under reference " + reference, Map.of("reference", reference)));
    }

    /** A changing request the server refused before any service saw it: the audit log must still show it. */
    private void auditRefusal(Context ctx, PolderException e) {
        Route route = Requests.route(ctx);
        Principal principal = ctx.attribute(Requests.PRINCIPAL);
        if (route == null || principal == null || !route.method().changes() || route.access().isPublic()) {
            return;
        }
        try {
            audit.record(principal, route.access().action(), "api:" + route.key(), AuditOutcome.FAILED,
                    Map.of("code", e.code().name(), "reason", e.getMessage()));
        } catch (RuntimeException auditFailure) {
            LOG.warn("could not audit a refused request to {}: {}", route.key(), auditFailure.toString());
        }
    }

    private void write(Context ctx, int status, ErrorBody body) {
        ctx.status(status).contentType("application/json").result(json(body));
    }

    private byte[] json(ErrorBody body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // details that do not serialise are dropped rather than lost with the error itself
            return ("{\"code\":\"" + body.code() + "\",\"message\":\"" + body.code() + "\",\"details\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String routeName(Context ctx) {
        Route route = Requests.route(ctx);
        return route == null ? Names.quoteForMessage(ctx.path()) : route.path();
    }
}
