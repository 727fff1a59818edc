package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.polder.error.PolderException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Configures Javalin for the API: the routes of the route table, each behind the {@link Guard}; the path
 * guard; the one exception mapper; the request log; Jetty's own errors in the API's shape; and a graceful
 * stop that lets requests in flight finish.
 */
public final class HttpApp {
    /** Request line and headers: room for a 10,000-character id, so that it is refused by the API, clearly. */
    private static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

    private final ObjectMapper mapper;
    private final Guard guard;
    private final ErrorResponses errors;
    private final RequestLog requestLog;
    private final Duration shutdownGrace;

    public HttpApp(ObjectMapper mapper, Guard guard, ErrorResponses errors, RequestLog requestLog, Duration shutdownGrace) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.requestLog = requireNonNull(requestLog, "requestLog is null");
        this.shutdownGrace = requireNonNull(shutdownGrace, "shutdownGrace is null");
    }

    /**
     * Applies the configuration to {@code config}.
     *
     * @param registered told of every endpoint Javalin registers: what the server really serves
     */
    public void configure(JavalinConfig config, List<Route> routes, Consumer<String> registered) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.router.ignoreTrailingSlashes = false;
        config.router.treatMultipleSlashesAsSingleSlash = false;
        config.router.caseInsensitiveRoutes = false;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.jetty.modifyServer(server -> {
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(shutdownGrace.toMillis());
            server.setErrorHandler(new JettyErrors(mapper));
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        config.events.handlerAdded(info -> {
            if (info.getHttpMethod().isHttpMethod()) {
                registered.accept(info.getHttpMethod() + " " + info.getPath());
            }
        });
        config.requestLogger.http(requestLog::answered);
        config.routes.before(ctx -> PathGuard.requireCanonical(ctx.req().getRequestURI()));
        for (Route route : routes) {
            config.routes.addHttpHandler(route.method().handlerType(), route.path(), ctx -> {
                ctx.attribute(Requests.ROUTE, route);
                ctx.attribute(Requests.PRINCIPAL, guard.admit(ctx, route));
                Requests.requireKnownQueryParameters(ctx, route);
                route.handler().handle(ctx);
            });
        }
        config.routes.exception(PolderException.class, errors::polder);
        config.routes.exception(HttpResponseException.class, errors::javalin);
        config.routes.exception(Exception.class, errors::unexpected);
        config.router.javaLangErrorHandler((response, error) -> errors.fatal(response, error));
    }
}
