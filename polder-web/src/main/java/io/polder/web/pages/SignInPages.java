package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.web.session.Session;
import io.polder.web.session.Sessions;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with an API token (a form POST; the token travels only in the request body and is never kept)
 * and signing out. The sign-in form carries a one-time value that must match a cookie set with it, so
 * another site cannot sign a browser in to an account of its choosing.
 */
public final class SignInPages {
    static final String SIGN_IN_COOKIE = "polder_sign_in";
    private static final int SIGN_IN_FORM_SECONDS = 600;

    private final Pages pages;
    private final AuditLog audit;

    public SignInPages(Pages pages, AuditLog audit) {
        this.pages = requireNonNull(pages, "pages is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    public void form(Context ctx) {
        if (pages.session(ctx).isPresent()) {
            ctx.redirect("/ui", HttpStatus.SEE_OTHER);
            return;
        }
        showForm(ctx, 200, null);
    }

    public void signIn(Context ctx) {
        String expected = ctx.cookie(SIGN_IN_COOKIE);
        if (expected == null || !Sessions.sameToken(expected, ctx.formParam(Pages.CSRF_FIELD))) {
            showForm(ctx, 403, "The sign-in form expired or did not come from this site. Please try again.");
            return;
        }
        String token = ctx.formParam("token");
        Optional<Session> session = token == null ? Optional.empty() : pages.sessions().signIn(token.strip());
        if (session.isEmpty()) {
            audit.recordAnonymous("anonymous", "authenticate", "web:sign-in", AuditOutcome.DENIED,
                    Map.of("reason", "the token is not valid: unknown, expired or revoked"));
            showForm(ctx, 401, "That token is not valid: it is unknown, expired or revoked.");
            return;
        }
        audit.recordAnonymous(session.get().principal().name(), "sign-in", "web", AuditOutcome.SUCCEEDED,
                Map.of("role", session.get().principal().describeRole()));
        expireCookie(ctx, SIGN_IN_COOKIE);
        setCookie(ctx, Pages.SESSION_COOKIE, pages.sessions().cookieValue(session.get()),
                pages.sessions().maxAge().toSeconds());
        ctx.redirect("/ui", HttpStatus.SEE_OTHER);
    }

    public void signOut(Context ctx, Session session) {
        pages.sessions().end(session);
        expireCookie(ctx, Pages.SESSION_COOKIE);
        ctx.redirect(Pages.SIGN_IN, HttpStatus.SEE_OTHER);
    }

    private void showForm(Context ctx, int status, String problem) {
        String formToken = pages.sessions().randomToken();
        setCookie(ctx, SIGN_IN_COOKIE, formToken, SIGN_IN_FORM_SECONDS);
        pages.render(ctx, status, "sign-in.jte", new SignInView(Chrome.anonymous("Sign in"), formToken, problem));
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over HTTPS. */
    static void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
    }

    static void expireCookie(Context ctx, String name) {
        setCookie(ctx, name, "", 0);
    }

    /** The sign-in page: the form's one-time value and what went wrong with the last attempt, if anything. */
    public record SignInView(Chrome chrome, String formToken, String problem) {
    }
}
