package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.web.WebUi;
import io.polder.web.session.Session;
import io.polder.web.session.Sessions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every page shares: security headers, the session (sign-in required, form token checked on every
 * POST), rendering, and errors as pages. Failures become an error page with the code's status; an
 * unexpected one is logged with a reference and the page shows only that reference, never a stack trace.
 */
public final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    public static final String SESSION_COOKIE = "polder_session";
    public static final String CSRF_FIELD = "csrf";
    static final String SIGN_IN = "/ui/sign-in";
    /** No inline script or style, nothing from elsewhere, no framing, forms post only here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final TemplateEngine templates;
    private final Sessions sessions;

    public Pages(TemplateEngine templates, Sessions sessions) {
        this.templates = requireNonNull(templates, "templates is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /** A page that needs no session (the sign-in page). */
    public Handler open(Handler page) {
        return ctx -> {
            securityHeaders(ctx);
            try {
                page.handle(ctx);
            } catch (Exception e) {
                error(ctx, null, e);
            }
        };
    }

    /**
     * A page for signed-in users: without a live session a GET is sent to the sign-in page and a POST is
     * refused; a POST must carry the session's form token.
     */
    public Handler signedIn(SessionPage page) {
        return ctx -> {
            securityHeaders(ctx);
            Optional<Session> session = session(ctx);
            try {
                if (session.isEmpty()) {
                    if (ctx.method() == HandlerType.GET) {
                        ctx.redirect(SIGN_IN, io.javalin.http.HttpStatus.SEE_OTHER);
                        return;
                    }
                    throw new PolderException(ErrorCode.UNAUTHENTICATED, "your session has ended; sign in again");
                }
                if (ctx.method() == HandlerType.POST && !Sessions.sameToken(session.get().csrfToken(),
                        ctx.formParam(CSRF_FIELD))) {
                    throw new PolderException(ErrorCode.FORBIDDEN,
                            "the form is out of date or did not come from this site; reload the page and try again");
                }
                ctx.attribute(WebUi.PRINCIPAL_ATTRIBUTE, session.get().principal());
                page.handle(ctx, session.get());
            } catch (Exception e) {
                error(ctx, session.orElse(null), e);
            }
        };
    }

    /**
     * Answers a request for a page that does not exist with the 404 page, in the frame of the caller's session
     * when there is one.
     */
    public void notFound(Context ctx) {
        securityHeaders(ctx);
        Optional<Session> session = session(ctx);
        error(ctx, session.orElse(null), new PolderException(ErrorCode.NOT_FOUND, "there is no page "
                + io.polder.registry.Names.quoteForMessage(ctx.path()) + "; the catalog is at " + WebUi.ROOT));
    }

    /** The live session of the request's cookie, if any. */
    public Optional<Session> session(Context ctx) {
        return sessions.find(ctx.cookie(SESSION_COOKIE));
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The frame of a page for {@code session}. */
    public static Chrome chrome(String title, Session session, String section) {
        return new Chrome(title, session.principal().name(), session.principal().describeRole(), session.csrfToken(),
                Authorizer.allows(session.principal(), Action.READ_AUDIT, null), section);
    }

    /**
     * Sends what a form asked for ({@code send}: the service call, then the answer: a redirect or a page). A refusal
     * with one of {@code correctable} codes (what the person can put right in the form) goes to {@code showAgain},
     * which shows the form again with it; any other failure goes on to the error page.
     */
    static void sendForm(Set<ErrorCode> correctable, Runnable send, Consumer<PolderException> showAgain) {
        try {
            send.run();
        } catch (PolderException refusal) {
            if (!correctable.contains(refusal.code())) {
                throw refusal;
            }
            showAgain.accept(refusal);
        }
    }

    public void render(Context ctx, int status, String template, Object model) {
        StringOutput output = new StringOutput(16 * 1024);
        templates.render(template, model, output);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }

    private void error(Context ctx, Session session, Exception failure) {
        int status;
        String message;
        String reference = null;
        if (failure instanceof PolderException polder && polder.code() != ErrorCode.INTERNAL) {
            status = polder.code().httpStatus();
            message = polder.getMessage();
        } else if (failure instanceof HttpResponseException refused && refused.getStatus() < 500) {
            // Javalin's own refusals, such as a form body over its size limit
            status = refused.getStatus();
            message = "The request was refused (HTTP " + status + ").";
        } else {
            reference = UUID.randomUUID().toString();
            LOG.error("internal error {} answering page {} {}", reference, ctx.method(), io.polder.registry.Names.quoteForMessage(ctx.path()), failure);
            status = 500;
            message = "Something went wrong on our side.";
        }
        String title = switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Signed out";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            default -> status >= 500 ? "Server error" : "Refused";
        };
        Chrome chrome = session == null ? Chrome.anonymous(title) : chrome(title, session, "");
        try {
            render(ctx, status, "error.jte", new ErrorView(chrome, status, message, reference));
        } catch (RuntimeException renderFailure) {
            LOG.error("could not render the error page for {}", reference, renderFailure);
            ctx.status(status).contentType("text/plain; charset=utf-8").result(title);
        }
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    /** A page for a signed-in user. */
    @FunctionalInterface
    public interface SessionPage {
        void handle(Context ctx, Session session) throws Exception;
    }

    /** The error page: status, a message for people, and the log reference of an internal error. */
    public record ErrorView(Chrome chrome, int status, String message, String reference) {
    }
}
