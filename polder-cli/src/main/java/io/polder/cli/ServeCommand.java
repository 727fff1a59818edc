package io.polder.cli;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.auth.TokenService;
import io.polder.server.PolderServer;
import io.polder.server.ServerConfig;
import io.polder.server.build.BuildSettings;
import io.polder.server.query.QueryLimits;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polder serve}: runs the Polder server until SIGTERM or SIGINT. */
@Command(name = "serve",
        header = "Runs the Polder server: API, web UI, builds, queries and Flight SQL.",
        description = {
            "Runs the Polder server: the registry (domains, teams, products, versions, contracts, tokens,",
            "audit log) behind the HTTP API at /api/v1, and the engine that builds products (DuckDB, a Parquet",
            "warehouse in DATA-DIR/warehouse; sources of polder.yaml under DATA-DIR/sources or --sources-dir),",
            "with a scheduler that builds products on their polder.yaml cron and after an upstream publish,",
            "until it gets SIGTERM or SIGINT (Ctrl-C); then it stops taking requests, lets those in flight",
            "finish and closes the database.",
            "",
            "Embedded by default: everything lives in the data directory (an SQLite database, polder.db).",
            "With --db it keeps the registry in PostgreSQL instead. On its first start it creates an admin",
            "token and writes it to DATA-DIR/admin.token (readable by this user only); it prints where the",
            "file is, never the token.",
            "",
            "It also serves the web UI at / (sign in with an API token): the catalog with search, domains,",
            "products (contracts, quality and freshness, lineage, versions), compliance and policy preview,",
            "access requests and grants, and the audit log. Its search index lives in DATA-DIR/search.",
            "",
            "Queries (POST /api/v1/query, polder query, Arrow Flight SQL) run under the --query-* limits: a",
            "query names its own row cap and timeout up to the maxima, or gets the defaults.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder serve",
            "  polder serve --db jdbc:postgresql://127.0.0.1:5432/polder --port 9000 --data-dir /var/lib/polder",
            "  polder serve --sources-dir /srv/exports --openlineage-url http://127.0.0.1:5000/api/v1/lineage",
            "  polder serve --query-concurrency 8 --query-row-cap 50000 --query-timeout 1m \\",
            "      --query-max-timeout 15m",
            "  polder serve --db jdbc:postgresql://db:5432/polder --heartbeat 5s --silent-after 1m   # a replica",
            "",
            "Then, in another shell:",
            "  export POLDER_SERVER=http://127.0.0.1:8080 POLDER_TOKEN=$(cat polder-data/admin.token)",
            "  polder apply examples/mesh",
            "",
            "GET /api/v1/health answers 200 once the server is ready; /metrics has Prometheus metrics;",
            "/api/openapi.json describes the API. The Arrow Flight SQL endpoint starts beside the ready API;",
            "when it cannot (its port taken), the server stops with exit code 10.",
            "Exit codes: 0 stopped, 2 wrong usage (such as an option out of range, named), 10 could not start",
            "(such as a port in use or an unreachable database)."
        },
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalServerOptions local;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "The interface to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The registry's database, such as jdbc:postgresql://127.0.0.1:5432/polder"
                    + " (default: SQLite in the data directory).")
    String database;

    @Option(names = "--sources-dir", paramLabel = "DIR",
            description = "Where the relative source paths of polder.yaml resolve (default DATA-DIR/sources).")
    Path sourcesDir;

    @Option(names = "--openlineage-url", paramLabel = "URL",
            description = "Also post every build's OpenLineage events to this endpoint (such as Marquez's"
                    + " /api/v1/lineage); they are kept in the registry either way.")
    java.net.URI openLineageUrl;

    @Option(names = "--no-scheduler", description = "Build only when asked: ignore the cron and upstream triggers of"
            + " polder.yaml.")
    boolean noScheduler;

    @Option(names = "--query-concurrency", paramLabel = "N",
            description = "How many queries (REST and Flight SQL) run at once; one more waits up to 10 s for a slot,"
                    + " then gets 503 (default: the number of cores, at least 2; at most "
                    + QueryLimits.MAX_CONCURRENT_QUERIES + ").")
    Integer queryConcurrency;

    @Option(names = "--query-row-cap", paramLabel = "N", defaultValue = "" + QueryLimits.DEFAULT_ROW_CAP,
            description = "The row cap of a query that names none; a longer result is cut (default ${DEFAULT-VALUE}).")
    long queryRowCap;

    @Option(names = "--query-max-row-cap", paramLabel = "N", defaultValue = "" + QueryLimits.DEFAULT_MAX_ROW_CAP,
            description = "The highest row cap a query may ask for; a higher one is refused (400)"
                    + " (default ${DEFAULT-VALUE}).")
    long queryMaxRowCap;

    @Option(names = "--query-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long a query that names no timeout may run before it is cancelled: 30s, 5m, 1h"
                    + " (default ${DEFAULT-VALUE}).")
    Duration queryTimeout;

    @Option(names = "--query-max-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "The longest timeout a query may ask for; a longer one is refused (400)"
                    + " (default ${DEFAULT-VALUE}).")
    Duration queryMaxTimeout;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often this server records in the registry that it is alive, for the other servers"
                    + " sharing it; at least 1s (default ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(names = "--silent-after", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long this server's heartbeat may be missing before another server sharing the"
                    + " registry marks its queued and running runs failed; at least twice --heartbeat"
                    + " (default ${DEFAULT-VALUE}).")
    Duration silentAfter;

    @Override
    public Integer call() {
        ServerConfig config = config();
        PolderServer server = start(config);
        Thread hook = new Thread(server::close, "polder-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        announce(server, config, out);
        // The Flight SQL endpoint starts beside the API, which already answers: wait for it, and fail as a whole.
        java.util.Optional<String> flight;
        try {
            flight = server.flightUrl();
        } catch (PolderException e) {
            server.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new PolderException(ErrorCode.INTERNAL, "cannot start the Polder server: " + e.getMessage(),
                    e.details(), e);
        }
        flight.ifPresent(url -> out.println("Arrow Flight SQL: " + url + "&token=TOKEN (Flight SQL JDBC driver)"));
        out.println("Stop with Ctrl-C or SIGTERM: requests in flight finish first.");
        out.flush();
        server.awaitShutdown();
        return 0;
    }

    private ServerConfig config() {
        try {
            QueryLimits queries = QueryLimits.defaults().withRowCaps(queryRowCap, queryMaxRowCap)
                    .withTimeouts(queryTimeout, queryMaxTimeout);
            return local.config(host, database).withBuilds(BuildSettings.defaults()
                    .withSourcesDir(sourcesDir).withOpenLineageUrl(openLineageUrl).withScheduler(!noScheduler)
                    .withLiveness(heartbeat, silentAfter))
                    .withQueryLimits(queryConcurrency == null ? queries : queries.withConcurrentQueries(queryConcurrency));
        } catch (IllegalArgumentException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private static PolderServer start(ServerConfig config) {
        try {
            return PolderServer.start(config);
        } catch (PolderException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot start the Polder server: " + e.getMessage(),
                    e.details(), e);
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                throw new PolderException(ErrorCode.INTERNAL, "cannot listen on " + config.host() + ":" + config.port()
                        + ": the port is in use or not allowed; choose another with --port");
            }
            throw e;
        }
    }

    private static void announce(PolderServer server, ServerConfig config, PrintWriter out) {
        Path tokenFile = config.dataDir().resolve(TokenService.ADMIN_TOKEN_FILE);
        out.println("Polder server listening on " + server.baseUrl());
        out.println("Registry: " + (config.embeddedDatabase()
                ? "embedded SQLite in " + config.dataDir().resolve("polder.db") : withoutCredentials(config.jdbcUrl())));
        if (Files.exists(tokenFile)) {
            out.println("Admin token: in " + tokenFile + " (readable by this user only)");
            out.println("  export POLDER_SERVER=" + server.baseUrl() + " POLDER_TOKEN=$(cat " + tokenFile + ")");
        } else {
            out.println("Admin token: created on an earlier start; " + tokenFile + " is gone. Create tokens with"
                    + " `polder token create` and an admin token.");
        }
        out.flush();
    }

    /** A JDBC URL without its query, where user names and passwords are often passed. */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        return base.replaceAll("//[^/@]*@", "//");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
