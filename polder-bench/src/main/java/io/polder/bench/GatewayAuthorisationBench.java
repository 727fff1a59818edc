package io.polder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.gateway.QueryDecision;
import io.polder.gateway.QueryRequest;
import io.polder.registry.Registry;
import io.polder.registry.access.AccessRequest;
import io.polder.registry.access.AccessService;
import io.polder.registry.access.Approval;
import io.polder.registry.access.NewAccessRequest;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.apply.Plan;
import io.polder.registry.auth.Principal;
import io.polder.server.PolderServer;
import io.polder.server.ServerConfig;
import io.polder.server.query.QueryService;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Authorisation on the server's real path, as {@code POST /api/v1/query} does it before it runs anything: the
 * query service's dry run ({@link QueryService#authorize}), which builds the looked-up access view (the grants
 * of a port read from the registry when the query names the port, one indexed read, then the port's contract
 * and published snapshot) and runs the gateway's checks. Two registries in embedded SQLite, each with the same
 * N generated products (10,000 by default, one output port each), the first three built so that they have
 * published data; the principal holds grants on 10 ports in one and on 10,000 in the other, each made by an
 * access request and its approval through the access service, as {@code polder access request} and
 * {@code approve} make them. The same query naming 3 relations is authorised on both, alternately, several
 * hundred times; the medians are compared. Target: 10,000 grants <= 1.5x 10 grants.
 *
 * <p>Beside it, not a target: reading the principal's whole grant list ({@link AccessService#grantsFor(Principal,
 * Instant)}), which is what a complete view built per query would cost.
 */
final class GatewayAuthorisationBench {
    static final double TARGET = 1.5;
    private static final Principal ANALYST = Principal.consumer("analyst@bench.example");
    private static final Principal ADMIN = Principal.platformAdmin("bench-loader");
    private static final int BULK_CHUNK = 5_000;
    private static final int QUERIED = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SQL = "SELECT a.id, b.amount, c.name FROM \"product-0/records\".records a"
            + " JOIN \"product-1/records\".records b USING (id) JOIN \"product-2/records\".records c USING (id)"
            + " WHERE a.amount > 10";
    /** The build of the queried products: 1,000 rows of the generated contract's columns, no sources. */
    private static final String BUILD_SQL = "SELECT i::BIGINT AS id, 'record ' || i AS name,"
            + " (i * 1.25)::DECIMAL(12,2) AS amount, TIMESTAMP '2026-01-01 00:00:00' + to_minutes(i) AS created_at"
            + " FROM range(1000) AS t(i)";

    private GatewayAuthorisationBench() {
    }

    /**
     * Options: {@code --auth-products=10000} products in each registry, {@code --auth-grants=10,10000} the grants
     * of the baseline and of the measured registry, {@code --authorisations=300} measured authorisations of each.
     */
    static boolean run(BenchOptions options, PrintStream out) throws Exception {
        int products = options.integer("auth-products", 10_000);
        List<Integer> grants = options.list("auth-grants", "10,10000").stream().map(Integer::parseInt).toList();
        int authorisations = options.integer("authorisations", 300);
        if (grants.size() != 2 || grants.get(0) < QUERIED || grants.get(1) > products) {
            throw new IllegalArgumentException("--auth-grants takes two counts, the baseline's and the measured one's,"
                    + " between " + QUERIED + " and --auth-products (" + products + "), found " + grants);
        }
        logToFile();
        out.printf(Locale.ROOT, "  authorisation on the server's path (QueryService.authorize: the looked-up view, one"
                + " registry read per port named, the gateway's checks); embedded SQLite, %,d products of one"
                + " output port each; load average %.2f; server log: %s%n", products, loadAverage(),
                System.getProperty("org.slf4j.simpleLogger.logFile"));
        List<Setup> setups = new ArrayList<>();
        try {
            for (int count : grants) {
                setups.add(Setup.create(products, count, out));
            }
            QueryRequest request = setups.getFirst().queries().request(ANALYST, SQL, 1000L, Duration.ofMinutes(1));
            Map<String, Callable<?>> tasks = new LinkedHashMap<>();
            for (Setup setup : setups) {
                QueryService queries = setup.queries();
                tasks.put(setup.grants() + " grants", () -> allowed(queries.authorize(ANALYST, request)));
            }
            for (Setup setup : setups) {
                AccessService access = setup.reader().access();
                tasks.put(setup.grants() + " grants, whole list", () -> access.grantsFor(ANALYST, Instant.now()));
            }
            Map<String, Long> times = Measure.interleaved(Math.max(20, authorisations / 5), authorisations, tasks);
            long baseline = times.get(setups.get(0).grants() + " grants");
            long measured = times.get(setups.get(1).grants() + " grants");
            double ratio = (double) measured / baseline;
            out.printf(Locale.ROOT, "    median of %d authorisations of a query naming 3 relations, the two registries"
                    + " alternately; load average %.2f%n", authorisations, loadAverage());
            out.printf(Locale.ROOT, "    %-62s %12s%n", "baseline: " + setups.get(0).grants() + " grants",
                    micros(baseline));
            out.printf(Locale.ROOT, "    %-62s %12s   %s of baseline (target <= %.1fx)%n", "polder: "
                    + String.format(Locale.ROOT, "%,d", setups.get(1).grants()) + " grants", micros(measured),
                    Measure.ratio(ratio), TARGET);
            long wholeFew = times.get(setups.get(0).grants() + " grants, whole list");
            long wholeMany = times.get(setups.get(1).grants() + " grants, whole list");
            out.printf(Locale.ROOT, "    %-62s %12s / %s   %s (not a target: what a complete view per query costs)%n",
                    "the whole grant list read, " + setups.get(0).grants() + " / "
                            + String.format(Locale.ROOT, "%,d", setups.get(1).grants()) + " grants",
                    micros(wholeFew), micros(wholeMany), Measure.ratio((double) wholeMany / wholeFew));
            return ratio <= TARGET;
        } finally {
            for (Setup setup : setups) {
                setup.close();
            }
        }
    }

    /**
     * Sends the log of the servers (their start, builds and requests) to a file, so that the lines do not bury the
     * figures; called before anything logs, as the logger reads the setting once.
     */
    static void logToFile() throws java.io.IOException {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile",
                    Files.createTempFile("polder-bench-authorisation", ".log").toString());
        }
    }

    private static Object allowed(QueryDecision decision) {
        if (!decision.allowed() || decision.relations().size() != QUERIED) {
            throw new IllegalStateException("the query was not allowed on its " + QUERIED + " relations: " + decision);
        }
        return decision;
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%,.0f us", nanos / 1e3);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One registry with its products, grants and published data, and the server over it. */
    private record Setup(int grants, BenchStore store, PolderServer server, Registry reader) implements AutoCloseable {
        static Setup create(int products, int grants, PrintStream out) throws Exception {
            BenchStore store = BenchStore.sqlite();
            PolderServer server = null;
            Registry reader = null;
            try {
                long started = System.nanoTime();
                try (Registry registry = Registry.open(store.jdbcUrl())) {
                    load(registry, products);
                    long loaded = System.nanoTime();
                    grant(registry.access(), grants);
                    long granted = System.nanoTime();
                    out.printf(Locale.ROOT, "    registry with %,d grants: %,d products applied in %s; %,d access requests"
                                    + " made and approved through the access service in %s (%,.0f/s)", grants, products,
                            Measure.millis(loaded - started), grants, Measure.millis(granted - loaded),
                            grants / ((granted - loaded) / 1e9));
                }
                long starting = System.nanoTime();
                server = PolderServer.start(new ServerConfig("127.0.0.1", 0, store.dataDir(), store.jdbcUrl()));
                build(server, store.dataDir());
                out.printf(Locale.ROOT, "; server started and %d products built in %s%n", QUERIED,
                        Measure.millis(System.nanoTime() - starting));
                reader = Registry.open(store.jdbcUrl());
                return new Setup(grants, store, server, reader);
            } catch (Exception | Error e) {
                if (reader != null) {
                    reader.close();
                }
                if (server != null) {
                    server.close();
                }
                store.close();
                throw e;
            }
        }

        QueryService queries() {
            return server.queries();
        }

        /** The generated products, through the apply service in bundles; the queried ones with their build. */
        private static void load(Registry registry, int products) {
            for (int from = 0; from < products; from += BULK_CHUNK) {
                List<BundleProduct> chunk = new ArrayList<>();
                for (int i = from; i < Math.min(products, from + BULK_CHUNK); i++) {
                    BundleProduct product = MeshGenerator.product(i);
                    chunk.add(i >= QUERIED ? product : new BundleProduct(product.path(), product.productYaml(),
                            product.contracts(), null, List.of(new BundleFile("records.sql", BUILD_SQL))));
                }
                Plan plan = registry.apply().apply(ADMIN, new MeshBundle(MeshGenerator.meshYaml(), chunk),
                        ApplyOptions.defaults());
                if (!plan.applied()) {
                    throw new IllegalStateException("the generated products were not applied");
                }
            }
        }

        /** Grants on the ports of products 0..count, each requested by the analyst and approved by an admin. */
        private static void grant(AccessService access, int count) {
            for (int i = 0; i < count; i++) {
                AccessRequest request = access.request(ANALYST, new NewAccessRequest(MeshGenerator.productId(i)
                        + "/records", "the authorisation benchmark", 365, List.of(), null, null));
                access.approve(ADMIN, request.id(), new Approval(null, null, null, null));
            }
        }

        /** Builds (and so publishes) the queried products through the server's build endpoint. */
        private static void build(PolderServer server, Path dataDir) throws Exception {
            HttpProbe probe = new HttpProbe(server.baseUrl(), Files.readString(dataDir.resolve("admin.token")).strip());
            for (int i = 0; i < QUERIED; i++) {
                JsonNode build = JSON.readTree(probe.post("/api/v1/products/" + MeshGenerator.productId(i)
                        + "/builds?wait=true", new byte[0]));
                if (!build.path("run").path("state").asText().equals("succeeded")) {
                    throw new IllegalStateException("the build of " + MeshGenerator.productId(i) + " did not succeed: "
                            + build);
                }
            }
        }

        @Override
        public void close() throws Exception {
            try {
                reader.close();
            } finally {
                try {
                    server.close();
                } finally {
                    store.close();
                }
            }
        }
    }
}
