package io.polder.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.flight.FlightSettings;
import io.polder.flight.FlightSqlEndpoint;
import io.polder.gateway.GatewaySettings;
import io.polder.registry.Registry;
import io.polder.registry.auth.BootstrapResult;
import io.polder.registry.store.Database;
import io.polder.server.access.AccessExpiryJob;
import io.polder.server.api.AccessRoutes;
import io.polder.server.api.ApplyRoutes;
import io.polder.server.api.AuditRoutes;
import io.polder.server.api.CatalogRoutes;
import io.polder.server.api.GovernanceRoutes;
import io.polder.server.api.LifecycleRoutes;
import io.polder.server.api.LineageRoutes;
import io.polder.server.api.QueryRoutes;
import io.polder.server.api.RowFilterChecks;
import io.polder.server.api.RunRoutes;
import io.polder.server.api.SystemRoutes;
import io.polder.server.api.TokenRoutes;
import io.polder.server.api.UsageRoutes;
import io.polder.server.build.BuildScheduler;
import io.polder.server.build.BuildService;
import io.polder.server.build.BuildSettings;
import io.polder.server.build.RunnerHeartbeat;
import io.polder.server.flight.FlightQueryService;
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
import io.polder.server.query.GrantSource;
import io.polder.server.query.MaskKey;
import io.polder.server.query.QueryLimits;
import io.polder.server.query.QueryService;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Engines;
import io.polder.spi.lineage.HttpLineageTransport;
import io.polder.spi.lineage.LineageListener;
import io.polder.web.WebSettings;
import io.polder.web.WebUi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Polder server: the registry's services over HTTP. This is the composition root; {@link #start} builds
 * everything, explicitly and in order: the registry, the first admin token, the engine, the build service and its
 * heartbeat among replicas, metrics, the routes, the HTTP server; then, once the API answers and beside it, what it need not wait for: the
 * query gateway (DuckDB), the Arrow Flight SQL endpoint (gRPC, Arrow), the build scheduler, the access expiry job.
 */
public final class PolderServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolderServer.class);

    private final ServerConfig config;
    private final Registry registry;
    private final Engine engine;
    private final BuildService builds;
    private final BuildScheduler scheduler;
    private final QueryService queries;
    private final Javalin app;
    private final WebUi web;
    private final List<Route> routes;
    private final List<String> servedEndpoints;
    /**
     * What else the server runs or holds open (the access expiry job, the row-filter check's DuckDB connection),
     * closed after the HTTP server.
     */
    private final List<AutoCloseable> resources;
    private final AccessExpiryJob accessExpiry;
    /**
     * The Arrow Flight SQL endpoint, started beside the HTTP server once it is ready (so the API does not wait for
     * gRPC and Arrow to load); completed with null when the configuration asks for none.
     */
    private final CompletableFuture<FlightSqlEndpoint> flight;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private PolderServer(ServerConfig config, Registry registry, Engine engine, BuildService builds,
                         BuildScheduler scheduler, QueryService queries, Javalin app, WebUi web, List<Route> routes,
                         List<String> servedEndpoints, List<AutoCloseable> resources,
                         AccessExpiryJob accessExpiry, CompletableFuture<FlightSqlEndpoint> flight) {
        this.config = config;
        this.registry = registry;
        this.engine = engine;
        this.builds = builds;
        this.scheduler = scheduler;
        this.queries = queries;
        this.app = app;
        this.web = web;
        this.routes = routes;
        this.servedEndpoints = servedEndpoints;
        this.resources = resources;
        this.accessExpiry = accessExpiry;
        this.flight = flight;
    }

    /** Starts a server as {@code config} says; it is ready (health answers 200) when this returns. */
    public static PolderServer start(ServerConfig config) {
        return start(config, Clock.systemUTC(), Database::clock);
    }

    /** With {@code clock} for everything, the heartbeats of replicas included: for tests that move time by hand. */
    static PolderServer start(ServerConfig config, Clock clock) {
        return start(config, clock, database -> clock);
    }

    /**
     * @param registryTime the clock the runners' heartbeats are written and judged with: the database's, one for
     *                     every replica that shares it, whatever their own clocks say
     */
    private static PolderServer start(ServerConfig config, Clock clock, Function<Database, Clock> registryTime) {
        requireNonNull(config, "config is null");
        // before the registry and the admin token are created: a server that cannot listen leaves nothing behind
        FreePorts.require(config);
        long startNanos = System.nanoTime();
        Thread warmUp = StartWarmUp.begin();
        Database database = Database.open(config.jdbcUrl());
        Registry registry = new Registry(database, clock, registryTime.apply(database));
        long storeMillis = (System.nanoTime() - startNanos) / 1_000_000;
        Engine engine = null;
        BuildService builds = null;
        QueryService queries = null;
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            announce(registry.tokens().bootstrapAdmin(config.dataDir()));
            LineageListener lineage = lineage(config.builds());
            engine = engine(config, clock, lineage);
            // the engine emits the START of each build, the build service its COMPLETE or FAIL once it has published
            builds = new BuildService(registry.runs(), registry.buildDefinitions(), registry.access()::requireInputGrants,
                    engine, buildWorkers(config.builds()), clock, runner(config), registry.policies()::findings, lineage);
            // alive before anything else: the other replicas fail the runs of a server that stops beating
            RunnerHeartbeat heartbeat = new RunnerHeartbeat(registry.runs(), builds,
                    config.builds().heartbeat(), config.builds().silentAfter());
            resources.add(heartbeat);
            heartbeat.start();
            int abandoned = builds.failUnfinished();
            if (abandoned > 0) {
                LOG.info("{} run(s) of an earlier start never finished; they are marked failed", abandoned);
            }
            queries = QueryService.create(registry, GrantSource.of(registry.access()), engine, gatewaySettings(config),
                    config.queryLimits(), clock);
            Metrics metrics = new Metrics();
            metrics.countComplianceEvaluations(registry.compliance()::evaluations);
            registry.database().jdbi().setSqlLogger(new StoreTimings(metrics));

            ObjectMapper mapper = ApiJson.mapper();
            // approvals' row filters, checked the same way by the API and the web UI
            RowFilterChecks rowFilters = new RowFilterChecks();
            resources.add(rowFilters);
            List<Route> routes = routeTable(registry, builds, queries, rowFilters,
                    new JsonBodies(mapper, config.maxBodyBytes()), metrics, mapper);

            Guard guard = new Guard(List.of(registry.tokens()), registry.authorizer(), registry.auditLog());
            // the access form offers to unmask exactly the columns the gateway masks
            WebUi web = WebUi.open(registry, WebSettings.forDataDir(config.dataDir()), rowFilters,
                    table -> QueryService.MASK_POLICY.masks(table, Set.of()).keySet());
            HttpApp http = new HttpApp(mapper, guard, new ErrorResponses(mapper, registry.auditLog(),
                    new ErrorResponses.PageAnswers(WebUi::wantsPage, web::notFound)),
                    new RequestLog(metrics), config.shutdownGrace());
            List<String> served = new CopyOnWriteArrayList<>();
            Javalin app = Javalin.create(javalin -> {
                http.configure(javalin, routes, endpoint -> {
                    if (!WebUi.isWebEndpoint(endpoint)) {
                        served.add(endpoint);
                    }
                });
                web.configure(javalin);
            });
            StartWarmUp.await(warmUp);
            try {
                listen(app, config);
            } catch (RuntimeException e) {
                web.close();
                throw e;
            }
            // The API answers: what it does not need to answer starts now, beside it.
            queries.openInBackground();
            CompletableFuture<FlightSqlEndpoint> flight = config.flight()
                    ? startFlight(config, new FlightQueryService(registry.tokens(), registry.authorizer(), queries))
                    : CompletableFuture.completedFuture(null);
            BuildScheduler scheduler = null;
            if (config.builds().scheduler()) {
                scheduler = new BuildScheduler(builds, registry.buildDefinitions(), registry.lineage(), clock);
                scheduler.start();
            }
            AccessExpiryJob accessExpiry = new AccessExpiryJob(registry.access());
            resources.add(accessExpiry);
            accessExpiry.start();
            PolderServer server = new PolderServer(config, registry, engine, builds, scheduler, queries, app, web,
                    routes, List.copyOf(served), resources, accessExpiry, flight);
            LOG.info("Polder server ready at {} in {} ms (registry {} opened in {} ms; engine {}, warehouse in {})",
                    server.baseUrl(), (System.nanoTime() - startNanos) / 1_000_000, registry.database().description(),
                    storeMillis, engine.name(), config.dataDir().resolve("warehouse"));
            flight.whenComplete((endpoint, failure) -> {
                if (failure != null) {
                    LOG.error("the Arrow Flight SQL endpoint could not start: {}", failure.getMessage());
                } else if (endpoint != null) {
                    LOG.info("Arrow Flight SQL at {}", server.flightUrl().orElseThrow());
                }
            });
            return server;
        } catch (RuntimeException e) {
            if (queries != null) {
                queries.close();
            }
            closeAll(resources);
            if (builds != null) {
                builds.close();
            }
            if (engine != null) {
                engine.close();
            }
            registry.close();
            throw e;
        }
    }

    /**
     * The engine named in the settings, found with ServiceLoader: its warehouse in the data directory, sources
     * where the settings say, lineage also posted to {@code lineage}.
     */
    private static Engine engine(ServerConfig config, Clock clock, LineageListener lineage) {
        BuildSettings settings = config.builds();
        EngineConfig engineConfig = EngineConfig.of(settings.engineProperties());
        if (settings.sourcesDir() != null && !settings.engineProperties().containsKey("source-directory")) {
            engineConfig = engineConfig.with("source-directory", settings.sourcesDir().toAbsolutePath().toString());
        }
        EngineContext context = EngineContext.of(config.dataDir()).withClock(clock).withLineage(lineage);
        return Engines.create(settings.engine(), engineConfig, context);
    }

    /** Where the builds' lineage is posted besides the registry: the OpenLineage endpoint, when one is configured. */
    private static LineageListener lineage(BuildSettings settings) {
        return settings.openLineageUrl() == null ? LineageListener.NONE : HttpLineageTransport.to(settings.openLineageUrl());
    }

    /**
     * The query gateway's settings: the highest row cap and longest timeout of the config's query limits, and the
     * gateway's defaults otherwise (256 KiB of SQL, 2GB of memory per query), spilling under
     * {@code <dataDir>/gateway-tmp}, with the mask key of the data directory.
     */
    private static GatewaySettings gatewaySettings(ServerConfig config) {
        GatewaySettings defaults = GatewaySettings.defaults(config.dataDir().resolve("gateway-tmp"),
                MaskKey.loadOrCreate(config.dataDir()));
        QueryLimits limits = config.queryLimits();
        return new GatewaySettings(defaults.maxSqlLength(), limits.maxRowCap(), limits.maxTimeout(),
                defaults.memoryLimit(), defaults.threads(), defaults.tempDirectory(), defaults.tempDirectoryLimit(),
                defaults.maskKey());
    }

    /** This process among replicas: the host and the data directory, the same after a restart. */
    private static String runner(ServerConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String runner = host + ":" + config.dataDir().toAbsolutePath().normalize();
        return runner.length() <= 300 ? runner : runner.substring(runner.length() - 300);
    }

    private static ExecutorService buildWorkers(BuildSettings settings) {
        return Executors.newFixedThreadPool(settings.workers(),
                Thread.ofPlatform().name("polder-build-", 1).daemon().factory());
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
    private static List<Route> routeTable(Registry registry, BuildService builds, QueryService queries,
                                          RowFilterChecks rowFilters, JsonBodies bodies, Metrics metrics,
                                          ObjectMapper mapper) {
        List<Route> routes = new ArrayList<>();
        AtomicReference<List<Route>> table = new AtomicReference<>();
        routes.addAll(SystemRoutes.routes(metrics, OpenApiDocument.onDemand(table::get, mapper)));
        routes.addAll(new CatalogRoutes(registry.catalog()).routes());
        routes.addAll(new LifecycleRoutes(registry.lifecycle(), registry.catalog(), bodies).routes());
        routes.addAll(new ApplyRoutes(registry.apply(), bodies, metrics).routes());
        routes.addAll(new TokenRoutes(registry.tokens(), bodies).routes());
        routes.addAll(new AuditRoutes(registry.audit()).routes());
        routes.addAll(new GovernanceRoutes(registry.policies(), registry.compliance(), bodies).routes());
        routes.addAll(new RunRoutes(builds, registry.runs(), registry.catalog()).routes());
        routes.addAll(new LineageRoutes(registry.lineage()).routes());
        routes.addAll(new AccessRoutes(registry.access(), rowFilters, bodies).routes());
        routes.addAll(new QueryRoutes(queries, bodies).routes());
        routes.addAll(new UsageRoutes(registry.usage()).routes());
        table.set(List.copyOf(routes));
        return table.get();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
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

    /**
     * The Flight SQL endpoint once it has started (waiting for it), or null when the configuration asks for none.
     *
     * @throws PolderException INTERNAL when it could not start (such as its port being taken)
     */
    private FlightSqlEndpoint flightEndpoint() {
        try {
            return flight.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PolderException(ErrorCode.INTERNAL, "the Arrow Flight SQL endpoint could not start: "
                    + cause.getMessage() + " (choose another port with --flight-port, or -1 for none)", Map.of(), cause);
        }
    }

    /** Starts the Flight SQL endpoint on a thread of its own, while the HTTP server already answers. */
    private static CompletableFuture<FlightSqlEndpoint> startFlight(ServerConfig config, FlightQueryService queries) {
        CompletableFuture<FlightSqlEndpoint> started = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("polder-flight-start").daemon().unstarted(() -> {
            try {
                started.complete(FlightSqlEndpoint.start(
                        FlightSettings.loopback(config.flightPort()).withHost(config.host()), queries));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
        thread.start();
        return started;
    }

    /**
     * The Flight SQL JDBC URL of the server's Arrow Flight SQL endpoint, without the token
     * ({@code jdbc:arrow-flight-sql://127.0.0.1:8815/?useEncryption=false}); empty when there is none.
     */
    public java.util.Optional<String> flightUrl() {
        FlightSqlEndpoint endpoint = flightEndpoint();
        if (endpoint == null) {
            return java.util.Optional.empty();
        }
        String host = switch (config.host()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> config.host();
        };
        return java.util.Optional.of("jdbc:arrow-flight-sql://" + (host.contains(":") && !host.startsWith("[")
                ? "[" + host + "]" : host) + ":" + endpoint.port() + "/?useEncryption=false");
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
     * The one query service of this server: every query endpoint (REST, Arrow Flight SQL) runs its queries
     * through it, so they share the grants, the gateway, the concurrency bound and the audit and usage logs.
     */
    public QueryService queries() {
        return queries;
    }

    /** The job that reminds owners of expiring grants and records expiries, for tests that run it at once. */
    AccessExpiryJob accessExpiry() {
        return accessExpiry;
    }

    /** The engine that builds the products, for tests that look at the warehouse. */
    Engine engine() {
        return engine;
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
            try {
                FlightSqlEndpoint endpoint = flight.join();
                if (endpoint != null) {
                    endpoint.close();
                }
            } catch (java.util.concurrent.CompletionException e) {
                // it never started: nothing to close
            }
            if (scheduler != null) {
                scheduler.close();
            }
            builds.close();
            queries.close();
            engine.close();
            closeAll(resources);
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
