package io.polder.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.polder.registry.Registry;
import io.polder.registry.auth.BootstrapResult;
import io.polder.server.api.ApplyRoutes;
import io.polder.server.api.AuditRoutes;
import io.polder.server.api.CatalogRoutes;
import io.polder.server.api.LifecycleRoutes;
import io.polder.server.api.SystemRoutes;
import io.polder.server.api.TokenRoutes;
import io.polder.server.http.ApiJson;
import io.polder.server.http.ErrorResponses;
import io.polder.server.http.Guard;
import io.polder.server.http.HttpApp;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.OpenApiDocument;
import io.polder.server.http.RequestLog;
import io.polder.server.http.Route;
import io.polder.server.metrics.Metrics;
import io.polder.server.metrics.StoreTimings;
import io.polder.web.WebSettings;
import io.polder.web.WebUi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Polder server: the registry's services over HTTP. This is the composition root; {@link #start} builds
 * everything, explicitly and in order: the registry, the first admin token, metrics, the routes, the HTTP
 * server.
 */
public final class PolderServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolderServer.class);

    private final ServerConfig config;
    private final Registry registry;
    private final Javalin app;
    private final WebUi web;
    private final List<Route> routes;
    private final List<String> servedEndpoints;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private PolderServer(ServerConfig config, Registry registry, Javalin app, WebUi web, List<Route> routes,
                         List<String> servedEndpoints) {
        this.config = config;
        this.registry = registry;
        this.app = app;
        this.web = web;
        this.routes = routes;
        this.servedEndpoints = servedEndpoints;
    }

    /** Starts a server as {@code config} says; it is ready (health answers 200) when this returns. */
    public static PolderServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    static PolderServer start(ServerConfig config, Clock clock) {
        requireNonNull(config, "config is null");
        Registry registry = Registry.open(config.jdbcUrl(), clock);
        try {
            announce(registry.tokens().bootstrapAdmin(config.dataDir()));
            Metrics metrics = new Metrics();
            registry.database().jdbi().setSqlLogger(new StoreTimings(metrics));

            ObjectMapper mapper = ApiJson.mapper();
            List<Route> routes = routeTable(registry, new JsonBodies(mapper, config.maxBodyBytes()), metrics, mapper);

            Guard guard = new Guard(List.of(registry.tokens()), registry.authorizer(), registry.auditLog());
            HttpApp http = new HttpApp(mapper, guard, new ErrorResponses(mapper, registry.auditLog()),
                    new RequestLog(metrics), config.shutdownGrace());
            List<String> served = new CopyOnWriteArrayList<>();
            WebUi web = WebUi.open(registry, WebSettings.forDataDir(config.dataDir()));
            Javalin app = Javalin.create(javalin -> {
                http.configure(javalin, routes, endpoint -> {
                    if (!WebUi.isWebEndpoint(endpoint)) {
                        served.add(endpoint);
                    }
                });
                web.configure(javalin);
            });
            try {
                listen(app, config);
            } catch (RuntimeException e) {
                web.close();
                throw e;
            }
            PolderServer server = new PolderServer(config, registry, app, web, routes, List.copyOf(served));
            LOG.info("Polder server ready at {} (registry: {})", server.baseUrl(), registry.database().description());
            return server;
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /** Starts listening; when that fails (a port in use), leaves no Jetty thread behind. */
    private static void listen(Javalin app, ServerConfig config) {
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
    }

    /** Every route of the API, and the OpenAPI document that describes them all. */
    private static List<Route> routeTable(Registry registry, JsonBodies bodies, Metrics metrics, ObjectMapper mapper) {
        List<Route> routes = new ArrayList<>();
        AtomicReference<String> openApi = new AtomicReference<>();
        routes.addAll(SystemRoutes.routes(metrics, openApi::get));
        routes.addAll(new CatalogRoutes(registry.catalog()).routes());
        routes.addAll(new LifecycleRoutes(registry.lifecycle(), bodies).routes());
        routes.addAll(new ApplyRoutes(registry.apply(), bodies, metrics).routes());
        routes.addAll(new TokenRoutes(registry.tokens(), bodies).routes());
        routes.addAll(new AuditRoutes(registry.audit()).routes());
        openApi.set(OpenApiDocument.of(routes, mapper));
        return List.copyOf(routes);
    }

    /** Says where the first admin token is; the token itself never goes to a log. */
    private static void announce(BootstrapResult admin) {
        if (admin.created()) {
            LOG.info("the first admin token is in {} (readable by this user only)", admin.tokenFile().toAbsolutePath());
        }
    }

    public int port() {
        return app.port();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        String host = switch (config.host()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1"; // listening everywhere: loopback reaches it
            default -> config.host();
        };
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port();
    }

    /** The routes the server answers, as registered. */
    List<Route> routes() {
        return routes;
    }

    /** Every endpoint Javalin registered ({@code GET /api/v1/domains}): what is really served. */
    List<String> servedEndpoints() {
        return servedEndpoints;
    }

    Registry registry() {
        return registry;
    }

    /**
     * Stops the server gracefully: no new requests are taken, the requests in flight finish (within the
     * configured grace), then the registry is closed. Safe to call more than once and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitShutdown();
            return;
        }
        try {
            LOG.info("Polder server stopping; letting requests in flight finish");
            app.stop();
        } finally {
            web.close();
            registry.close();
            LOG.info("Polder server stopped");
            closed.countDown();
        }
    }

    /** Blocks until the server has stopped. */
    public void awaitShutdown() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
