package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.apply.Plan;
import io.polder.registry.auth.TokenService;
import io.polder.server.PolderServer;
import io.polder.server.ServerConfig;
import io.polder.server.build.BuildSettings;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code polder demo}: the whole story on one machine. Generates the example mesh's source data, starts the
 * server, applies the example mesh, builds every product in dependency order, runs every contract, prints what
 * happened and where to look, and keeps serving.
 */
@Command(name = "demo",
        header = "Runs the example data mesh end to end on this machine.",
        description = {
            "Runs Polder's example data mesh (ACME Retail: 4 domains, 7 products) on this machine, end to end:",
            "  1. generates the products' source data into DATA-DIR/sources, from a fixed seed, with dates up",
            "     to now (so it is fresh); a later demo of the same size reuses it (delete it for fresh data)",
            "  2. starts the server (embedded: SQLite and a Parquet warehouse in DATA-DIR)",
            "  3. applies examples/mesh (products, contracts, polder.yaml, build SQL)",
            "  4. builds every product in dependency order: write, check the contract, publish",
            "  5. runs every product's contracts against the published data",
            "then prints a summary and where to look, and keeps serving until Ctrl-C.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder demo                      # a million orders (about 2.1 million order lines)",
            "  polder demo --rows 20000 --port 9090",
            "",
            "The scheduler is off in the demo (polder serve runs it): builds happen when you ask.",
            "The server's log goes to DATA-DIR/polder.log (appended), not to the terminal.",
            "The summary counts the contracts' checks by outcome and severity and names each one that failed;",
            "a failed warning-level check does not block publishing, and does not fail the demo.",
            "Exit codes: 0 every build and contract run succeeded (no error-level check failed), 1 one failed,",
            "2 wrong usage, 10 the server could not start."
        },
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    /** The server's log, in the data directory. */
    static final String LOG_FILE = "polder.log";

    @Spec
    CommandSpec spec;

    @Mixin
    LocalServerOptions local;

    @Option(names = "--mesh", paramLabel = "DIR", defaultValue = "examples/mesh",
            description = "The mesh folder to apply (default ${DEFAULT-VALUE}).")
    String mesh;

    @Option(names = "--rows", paramLabel = "ORDERS", defaultValue = "1000000",
            description = "How many orders to generate (default ${DEFAULT-VALUE}; at least 200).")
    int rows;

    @Option(names = "--no-serve", description = "Stop after the summary instead of serving (for scripts and tests);"
            + " `polder serve --data-dir DIR` serves the results later.")
    boolean noServe;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(Path.of(mesh))) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "no mesh folder " + mesh + "; run the demo from the"
                    + " repository's root, or name the folder with --mesh");
        }
        if (rows < 200) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--rows must be at least 200, found " + rows);
        }
        Path sources = local.dataDir.resolve("sources");
        out.println("1/5 Source data in " + sources + " ...");
        out.flush();
        DemoData data = DemoData.ensure(sources, rows, Instant.now());
        out.printf(Locale.ROOT, "    %s %d files, the largest with %,d rows%n", data.reused() ? "reused" : "generated",
                data.files().size(), data.largest());
        // the demo polls its runs: one request-log line per poll would bury its own output
        System.setProperty("org.slf4j.simpleLogger.log.io.polder.server.requests", "warn");
        // the server's log goes to a file, so that the steps and the summary read on their own in the terminal
        Path log = local.dataDir.resolve(LOG_FILE);
        PrintStream console = System.err;
        PrintStream logStream = openLog(log);
        System.setErr(logStream);
        try {
            PolderServer server = start();
            Thread hook = new Thread(server::close, "polder-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                boolean passed = run(server, out, err);
                if (noServe) {
                    return passed ? 0 : 1;
                }
                out.println("Stop with Ctrl-C.");
                out.flush();
                server.awaitShutdown();
                return passed ? 0 : 1;
            } finally {
                if (noServe) {
                    server.close();
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            }
        } finally {
            System.setErr(console);
            logStream.flush();
        }
    }

    /** The server's log of this run, appended to what earlier demos in the same directory wrote. */
    private static PrintStream openLog(Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "cannot write the server's log " + log + ": "
                    + e.getMessage());
        }
    }

    private PolderServer start() {
        ServerConfig config = local.config(ServerConfig.DEFAULT_HOST, null)
                .withBuilds(BuildSettings.defaults().withScheduler(false));
        try {
            PolderServer server = PolderServer.start(config);
            try {
                server.flightUrl(); // the Flight SQL endpoint starts beside the API: wait for it, and fail as a whole
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (RuntimeException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot start the Polder server on port " + local.port + ": "
                    + e.getMessage() + (local.port != 0 ? " (is a port in use? choose others with --port and --flight-port)" : ""),
                    java.util.Map.of(), e);
        }
    }

    private boolean run(PolderServer server, PrintWriter out, PrintWriter err) {
        Path tokenFile = local.dataDir.resolve(TokenService.ADMIN_TOKEN_FILE);
        String token = readToken(tokenFile);
        PolderClient client = new PolderClient(java.net.URI.create(server.baseUrl()), token);
        out.println("2/5 Server at " + server.baseUrl() + " (its log: " + local.dataDir.resolve(LOG_FILE) + ")");
        out.println("3/5 Applying " + mesh + " ...");
        out.flush();
        Plan plan = MeshUpload.send(client, PolderClient.path("apply"), PolderClient.Query.none(), mesh, err);
        out.println("    " + plan.summary().lines().reduce((first, second) -> second).orElse(""));
        out.println("4/5 Building every product, upstream first ...");
        out.flush();
        RunWatcher watcher = new RunWatcher(client, out);
        List<JsonNode> builds = BuildCommand.buildAll(watcher, BuildCommand.order(client, List.of()), out);
        out.println("5/5 Running every contract against the published data ...");
        out.flush();
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        for (JsonNode build : builds) {
            String product = build.path("run").path("productId").asText();
            if (!succeeded(build)) {
                out.println("  " + product + ": not run, its build failed (its checks are counted)");
                continue;
            }
            JsonNode test = watcher.test(product, null);
            out.println("  " + product + ": " + test.path("run").path("state").asText() + ", "
                    + RunWatcher.checkSummary(test));
            tests.put(product, test);
        }
        out.println();
        BuildCommand.summary(builds).print(out);
        out.println();
        DemoVerdict verdict = DemoVerdict.of(builds, tests);
        verdict.print(out);
        where(server, tokenFile, out);
        return verdict.succeeded();
    }

    private static boolean succeeded(JsonNode detail) {
        return detail.path("run").path("state").asText().equals("succeeded");
    }

    private void where(PolderServer server, Path tokenFile, PrintWriter out) {
        Place place = new Place(server.baseUrl(), server.flightUrl(), tokenFile, local.dataDir, local.port);
        if (noServe) {
            place.printStopped(out);
        } else {
            place.printServing(out);
        }
    }

    /**
     * Where the demo's results are and what to try next. While it serves, the running server's addresses; with
     * {@code --no-serve} the server stops, so the addresses would lead nowhere: it says how to serve the same data
     * directory again and what to try then.
     */
    record Place(String base, java.util.Optional<String> flightUrl, Path tokenFile, Path dataDir, int port) {
        void printServing(PrintWriter out) {
            out.println();
            out.println("Polder is serving at " + base);
            out.println("  web UI       " + base + "/ui (sign in with the admin token)");
            out.println("  admin token  " + tokenFile + " (readable by you only)");
            out.println("  products     " + base + "/api/v1/products");
            out.println("  runs         " + base + "/api/v1/runs");
            out.println("  lineage      " + base + "/api/v1/lineage?product=sales-orders");
            out.println("  snapshots    " + base + "/api/v1/products/sales-orders/ports/orders/snapshots");
            out.println("  compliance   " + base + "/api/v1/compliance");
            out.println("  openapi      " + base + "/api/openapi.json");
            flightUrl.ifPresent(url -> out.println("  flight sql   " + url + "&token=<the token> (JDBC)"));
            out.println("  warehouse    " + dataDir.resolve("warehouse") + " (Parquet snapshots per product and port)");
            out.println();
            out.println("Try, in another terminal:");
            tryCommands(base, out);
        }

        void printStopped(PrintWriter out) {
            String again = "http://" + ServerConfig.DEFAULT_HOST + ":" + (port == 0 ? ServerConfig.DEFAULT_PORT : port);
            String serve = "./polder serve --data-dir " + dataDir + (port == 0 || port == ServerConfig.DEFAULT_PORT ? ""
                    : " --port " + port);
            out.println();
            out.println("Polder served at " + base + " and stops now (--no-serve); what it made stays in " + dataDir + ":");
            out.println("  admin token  " + tokenFile + " (readable by you only)");
            out.println("  warehouse    " + dataDir.resolve("warehouse") + " (Parquet snapshots per product and port)");
            out.println("  database     " + dataDir.resolve("polder.db") + " (the registry: products, runs, grants, audit)");
            out.println();
            out.println("To look at it, serve it again (the web UI at " + again + "/ui):");
            out.println("  " + serve);
            out.println("then, in another terminal:");
            tryCommands(again, out);
        }

        private void tryCommands(String server, PrintWriter out) {
            out.println("  export POLDER_SERVER=" + server + " POLDER_TOKEN=$(cat " + tokenFile + ")");
            out.println("  ./polder get products");
            out.println("  ./polder get runs sales-orders");
            out.println("  ./polder test sales-orders");
            out.println("  ./polder build sales-daily-revenue");
            out.println("  ./polder compliance");
            out.println("  ./polder get ports                  # every output port with its SQL relation name");
            out.println("  ./polder access request sales-orders/orders --purpose \"churn model\" --days 90");
            out.println("  ./polder access inbox               # then: ./polder access approve REQUEST_ID");
            out.println("  ./polder query 'SELECT shipping_country_code, count(*) FROM \"sales-orders/orders\".orders GROUP BY 1'");
            out.println("  curl -s -H \"Authorization: Bearer $POLDER_TOKEN\" " + server + "/api/v1/lineage?product=sales-orders");
            out.flush();
        }
    }

    private static String readToken(Path tokenFile) {
        try {
            return Files.readString(tokenFile).strip();
        } catch (java.io.IOException e) {
            throw new PolderException(ErrorCode.INTERNAL, "the demo needs the admin token in " + tokenFile
                    + ", which an earlier start created and which is gone; use a fresh --data-dir");
        }
    }
}
