package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.registry.auth.Principal;
import io.polder.server.metrics.Metrics;
import io.polder.web.WebUi;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request ({@code method route status durationMs principal}) and its metrics.
 * Routes are logged by template, so neither ids nor query strings, and never a header: the Authorization
 * header and tokens cannot end up in a log.
 */
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.polder.server.requests");
    /** The route label of requests that matched no route (or were refused before matching). */
    public static final String UNMATCHED = "(unmatched)";

    private final Metrics metrics;

    public RequestLog(Metrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    void answered(Context ctx, float milliseconds) {
        Route route = Requests.route(ctx);
        String method = route != null ? route.method().name() : knownMethod(ctx.method().name());
        String path = route != null ? route.path() : webPage(ctx);
        int status = ctx.statusCode();
        Principal principal = route != null ? ctx.attribute(Requests.PRINCIPAL) : ctx.attribute(WebUi.PRINCIPAL_ATTRIBUTE);
        metrics.requestAnswered(method, path, status, milliseconds / 1000.0);
        if (LOG.isInfoEnabled()) {
            LOG.info("request method={} route={} status={} durationMs={} principal={}", method, path, status,
                    String.format(Locale.ROOT, "%.1f", milliseconds), principal == null ? "-" : principal.name());
        }
    }

    /** A web UI page by its template ({@code /ui/products/{id}}), so ids never become series; else unmatched. */
    private static String webPage(Context ctx) {
        try {
            String template = ctx.endpoint().path;
            return WebUi.isWebEndpoint(ctx.method().name() + " " + template) ? template : UNMATCHED;
        } catch (RuntimeException noEndpoint) {
            return UNMATCHED;
        }
    }

    /** A method a client made up would otherwise become a label value of its own. */
    private static String knownMethod(String method) {
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" -> method;
            default -> "OTHER";
        };
    }
}
