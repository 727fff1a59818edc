package io.polder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.registry.Registry;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.Plan;
import io.polder.registry.auth.Principal;
import io.polder.web.search.ProductIndex;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The registry through its real HTTP server on loopback, on SQLite and on PostgreSQL, with N generated
 * products: apply throughput, latency of reading one product and of a list page, how a page's cost grows
 * with its size (list(1000)/list(10): with one query per page it grows with the bytes, not with round
 * trips), how long the embedded server takes from start to ready, how long the search index takes to build
 * from the registry, and how long the web UI takes to answer a product page (on loopback, so the server's time
 * plus a loopback round trip) for products with a build history, once the server's index holds every product.
 *
 * <p>The bulk of the products is loaded through the registry's apply service in-process (the same code the
 * server runs, without the upload); apply throughput over HTTP is measured on a sample of new products
 * applied on top. Targets: ready within 2 s on the embedded default; get and list p95 at most 20 ms at
 * 100,000 products on SQLite; product page p95 at most 100 ms at 10,000 products on SQLite.
 */
final class RegistrySuite implements Suite {
    static final long READY_TARGET_NANOS = 2_000_000_000L;
    static final long P95_TARGET_NANOS = 20_000_000L;
    static final int TARGET_PRODUCTS = 100_000;
    /** The web UI's product page: p95 at most 100 ms with 10,000 products on SQLite. */
    static final long PAGE_TARGET_NANOS = 100_000_000L;
    static final int PAGE_TARGET_PRODUCTS = 10_000;
    /** Products given a build history for the product pages measured, and builds each. */
    static final int PAGE_PRODUCTS = 50;
    static final int PAGE_BUILDS = 20;
    /** How long the server may take to index every product before the suite gives up. */
    static final long INDEX_TIMEOUT_NANOS = 30L * 60 * 1_000_000_000L;
    private static final int BULK_CHUNK = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String description() {
        return "registry over HTTP: apply/s, get and list p50/p95, list(1000)/list(10), start-to-ready, search index"
                + " build, web UI product page p50/p95 (--products=10000,100000 --db=sqlite,postgres --postgres-url=URL"
                + " --requests=2000 --http-apply=1000, --only=startup); a compliance read with N products, the first after"
                + " a change against one of the unchanged registry (--only=compliance --products=2000 --rounds=5);"
                + " targets: ready <= 2 s, p95 <= 20 ms at 100k on SQLite, product page p95 <= 100 ms at 10k on SQLite,"
                + " compliance read of the unchanged registry <= 0.1x the first after a change";
    }

    @Override
    public boolean run(BenchOptions options, PrintStream out) throws Exception {
        // The server logs every request, as in production; to a file, so that the lines do not bury the figures.
        Path log = Files.createTempFile("polder-bench-registry", ".log");
        System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        String only = options.string("only", "");
        if (!only.isEmpty() && !only.equals("startup") && !only.equals("compliance")) {
            throw new IllegalArgumentException("--only takes startup (start to ready alone) or compliance (compliance"
                    + " reads alone), found " + only);
        }
        List<Integer> sizes = options.list("products", only.equals("compliance") ? "2000" : "10000,100000").stream()
                .map(Integer::parseInt).toList();
        List<String> databases = options.list("db", "sqlite,postgres");
        int requests = options.integer("requests", 2_000);
        int httpApply = options.integer("http-apply", 1_000);
        String postgresUrl = options.string("postgres-url", System.getenv("POLDER_TEST_POSTGRES_URL"));
        if (only.equals("compliance")) {
            return compliance(databases, sizes, postgresUrl, options.integer("rounds", 5), out);
        }

        out.printf(Locale.ROOT, "machine: %d processors, load average %.2f at the start%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println("registry: Polder's HTTP server on loopback; bulk load through the apply service in-process,"
                + " apply throughput over HTTP on " + httpApply + " more products; server log: " + log);
        boolean met = readiness(out);
        if (only.equals("startup")) { // start to ready alone: no products loaded
            out.println(met ? "  all targets met" : "  TARGET MISSED");
            return met;
        }
        List<String> summary = new ArrayList<>();
        met &= eachStore(databases, sizes, postgresUrl, out, (database, size, store) -> {
            Figures figures = measure(database, size, store, requests, httpApply, out);
            summary.add(figures.line());
            return figures.check(out);
        });
        out.println();
        out.println("summary: " + Figures.HEADER);
        summary.forEach(line -> out.println("         " + line));
        out.println(met ? "  all targets met" : "  TARGET MISSED");
        return met;
    }

    /** The compliance read alone (--only=compliance): see {@link ComplianceBench}. */
    private static boolean compliance(List<String> databases, List<Integer> sizes, String postgresUrl, int rounds,
                                      PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "machine: %d processors, load average %.2f at the start%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        boolean met = eachStore(databases, sizes, postgresUrl, out,
                (database, size, store) -> ComplianceBench.run(database, store.jdbcUrl(), size, rounds, out));
        out.println(met ? "  all targets met" : "  TARGET MISSED");
        return met;
    }

    /** One measurement on a fresh store of one database and size. */
    private interface StoreMeasure {
        boolean run(String database, int size, BenchStore store) throws Exception;
    }

    /**
     * {@code measure} on a fresh store for each database (sqlite, postgres) and size, in order; postgres is skipped,
     * with a line saying how to give it, when no URL is set. True when every measurement met its target.
     */
    private static boolean eachStore(List<String> databases, List<Integer> sizes, String postgresUrl, PrintStream out,
                                     StoreMeasure measure) throws Exception {
        boolean met = true;
        for (String database : databases) {
            if (database.equals("postgres") && (postgresUrl == null || postgresUrl.isBlank())) {
                out.println("\npostgres: skipped: no URL (set POLDER_TEST_POSTGRES_URL or --postgres-url; "
                        + "scripts/test-postgres.sh start prints one)");
                continue;
            }
            for (int size : sizes) {
                try (BenchStore store = database.equals("postgres") ? BenchStore.postgres(postgresUrl) : BenchStore.sqlite()) {
                    met &= measure.run(database, size, store);
                }
            }
        }
        return met;
    }

    /**
     * Start to health 200 on the embedded default. The target is the user's figure: {@code polder serve} through
     * the launcher with its start-up cache, from launch to health 200; beside it the same without the cache
     * (the baseline), and the server started cold and warm inside this JVM.
     */
    private static boolean readiness(PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%nstart to ready (health 200, embedded default, fresh data dir; load average %.1f):%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // The launches first, while this JVM is idle: its own servers below leave its compilers busy for a while.
        boolean met = launches(out);
        long cpuBefore = processCpuNanos();
        long cold = Readiness.inProcess();
        long coldCpu = processCpuNanos() - cpuBefore;
        long[] warm = new long[3];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = Readiness.inProcess();
        }
        java.util.Arrays.sort(warm);
        out.printf(Locale.ROOT, "  in this JVM, cold           %10s; CPU time of all threads %s%n",
                Measure.millis(cold), Measure.millis(coldCpu));
        out.printf(Locale.ROOT, "  in this JVM, warm, median   %10s%n", Measure.millis(warm[warm.length / 2]));
        return met;
    }

    /** polder serve through the launcher, with and without its start-up cache, alternated; median of 3 each. */
    private static boolean launches(PrintStream out) throws Exception {
        Path launcher = Path.of(System.getProperty("polder.launcher", "polder"));
        if (!Files.isExecutable(launcher)) {
            out.println("  polder serve: the launcher " + launcher + " is missing (run through ./bench); TARGET MISSED");
            return false;
        }
        boolean cached = Readiness.ensureStartupCache(launcher); // also rebuilds a stale distribution first
        Readiness.Launch[] without = new Readiness.Launch[3];
        Readiness.Launch[] with = new Readiness.Launch[3];
        for (int i = 0; i < 3; i++) { // alternated, so that a busy moment hits both alike
            without[i] = Readiness.launcher(launcher, false);
            with[i] = Readiness.launcher(launcher, true);
        }
        Readiness.Launch baseline = median(without);
        Readiness.Launch launch = median(with);
        boolean met = launch.wallNanos() <= READY_TARGET_NANOS;
        out.printf(Locale.ROOT, "  polder serve, no start-up cache (baseline)  %10s; JVM CPU time %s%n",
                Measure.millis(baseline.wallNanos()), Measure.millis(baseline.cpuNanos()));
        out.printf(Locale.ROOT, "  polder serve, start-up cache%s  %10s (target <= 2 s) %s; JVM CPU time %s;"
                        + " ratio to baseline %s%n", cached ? "              " : " (none made!)",
                Measure.millis(launch.wallNanos()), met ? "ok" : "MISSED", Measure.millis(launch.cpuNanos()),
                Measure.ratio((double) launch.wallNanos() / baseline.wallNanos()));
        return met;
    }

    private static Readiness.Launch median(Readiness.Launch[] launches) {
        Readiness.Launch[] sorted = launches.clone();
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingLong(Readiness.Launch::wallNanos));
        return sorted[sorted.length / 2];
    }

    /** CPU time of this process (all threads, JIT compilers included), which a busy machine does not inflate. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static Figures measure(String database, int size, BenchStore store, int requests, int httpApply,
                                   PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%n%s, %,d products%n", database, size);
        double bulkRate = bulkLoad(store.jdbcUrl(), size, out);
        List<Integer> pageProducts = new Random(3).ints(0, size).distinct().limit(Math.min(size, PAGE_PRODUCTS))
                .boxed().toList();
        double indexMillis = indexAndRecordRuns(store.jdbcUrl(), size, pageProducts, out);
        long serverStart = System.nanoTime();
        try (BenchServer server = BenchServer.start(store.dataDir(), store.jdbcUrl())) {
            String token = Files.readString(store.dataDir().resolve("admin.token")).strip();
            WebProbe web = WebProbe.signIn(server.baseUrl(), token);
            awaitIndex(web, size, serverStart, out);
            HttpProbe probe = new HttpProbe(server.baseUrl(), token);
            double httpRate = httpApply(probe, size, httpApply, out);
            int total = size + httpApply;
            Random random = new Random(7);
            Latencies get = timeRequests(probe, requests, () -> "/api/v1/products/"
                    + MeshGenerator.productId(random.nextInt(total)));
            out.println("  get product          " + get.describe());
            List<String> cursors = cursors(probe);
            Latencies list = timeRequests(probe, requests, () -> page(cursors.get(random.nextInt(cursors.size())), 50));
            out.println("  list page (50)       " + list.describe());
            int pageRequests = Math.max(20, requests / 20);
            // cursors with at least 1000 products after them, so that every large page is full
            List<String> full = cursors.subList(0, Math.max(1, Math.min(cursors.size(), total / 1000)));
            Latencies small = timeRequests(probe, pageRequests, () -> page(full.get(random.nextInt(full.size())), 10));
            Latencies large = timeRequests(probe, pageRequests, () -> page(full.get(random.nextInt(full.size())), 1000));
            double ratio = (double) large.p50() / small.p50();
            out.printf(Locale.ROOT, "  list(10) p50 %s, list(1000) p50 %s: ratio %s for 100x the items"
                            + " (%.1f us per extra item)%n", Measure.millis(small.p50()), Measure.millis(large.p50()),
                    Measure.ratio(ratio), (large.p50() - small.p50()) / 1e3 / 990);
            out.printf(Locale.ROOT, "  store statements per request (from /metrics): get product %.1f, list(10) %.1f,"
                            + " list(1000) %.1f%n",
                    statementsPerRequest(probe, () -> "/api/v1/products/" + MeshGenerator.productId(random.nextInt(total))),
                    statementsPerRequest(probe, () -> page(full.get(random.nextInt(full.size())), 10)),
                    statementsPerRequest(probe, () -> page(full.get(random.nextInt(full.size())), 1000)));
            Latencies pages = timePages(web, Math.max(100, requests / 4), () -> "/ui/products/"
                    + MeshGenerator.productId(pageProducts.get(random.nextInt(pageProducts.size()))));
            out.println("  web UI product page  " + pages.describe() + "; " + PAGE_BUILDS + " builds each,"
                    + " quality and freshness charts, lineage, changelog");
            return new Figures(database, size, bulkRate, httpRate, get, list, ratio, pages, indexMillis);
        }
    }

    /**
     * The search index built from the registry from nothing, in this process (as a server does on a new or lost
     * index), timed; then {@link #PAGE_BUILDS} builds recorded for each product whose page is measured.
     *
     * @return milliseconds per product indexed
     */
    private static double indexAndRecordRuns(String jdbcUrl, int size, List<Integer> pageProducts, PrintStream out) {
        try (Registry registry = Registry.open(jdbcUrl)) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            try (ProductIndex index = ProductIndex.open(null, registry.catalog())) {
                index.synchronize();
                index.flush();
                long elapsed = System.nanoTime() - start;
                long cpuElapsed = processCpuNanos() - cpu;
                if (index.size() != size) {
                    throw new IllegalStateException("the index holds " + index.size() + " products, not " + size);
                }
                out.printf(Locale.ROOT, "  search index built from the registry: %,d products in %.1f s = %.2f ms per"
                                + " product (CPU time of all threads %.2f ms per product)%n", size, elapsed / 1e9,
                        elapsed / 1e6 / size, cpuElapsed / 1e6 / size);
                long runs = System.nanoTime();
                BenchRuns.record(registry, pageProducts, PAGE_BUILDS);
                out.printf(Locale.ROOT, "  recorded %d builds with their checks for %d products in %s%n",
                        PAGE_BUILDS * pageProducts.size(), pageProducts.size(), Measure.millis(System.nanoTime() - runs));
                return elapsed / 1e6 / size;
            }
        }
    }

    /** Waits until the server's catalog page shows every product: its index is built (in the background). */
    private static void awaitIndex(WebProbe web, int size, long serverStart, PrintStream out) throws Exception {
        while (web.catalogTotal() < size) {
            if (System.nanoTime() - serverStart > INDEX_TIMEOUT_NANOS) {
                throw new IllegalStateException("the server's search index did not reach " + size + " products");
            }
            Thread.sleep(200);
        }
        out.printf(Locale.ROOT, "  server start to its search index holding every product (built in the"
                + " background): %.1f s%n", (System.nanoTime() - serverStart) / 1e9);
    }

    /** Times each page alone, after a warm-up of a tenth as many; the figure is the page's time on loopback. */
    private static Latencies timePages(WebProbe web, int count, java.util.function.Supplier<String> paths)
            throws Exception {
        for (int i = 0; i < Math.max(20, count / 10); i++) {
            web.get(paths.get());
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String path = paths.get();
            long start = System.nanoTime();
            web.get(path);
            nanos[i] = System.nanoTime() - start;
        }
        return new Latencies(nanos);
    }

    /** Loads products 0..size through the apply service, in bundles of a few thousand. */
    private static double bulkLoad(String jdbcUrl, int size, PrintStream out) {
        long start = System.nanoTime();
        try (Registry registry = Registry.open(jdbcUrl)) {
            Principal loader = Principal.platformAdmin("bench-loader");
            for (int from = 0; from < size; from += BULK_CHUNK) {
                Plan plan = registry.apply().apply(loader, MeshGenerator.bundle(from, Math.min(size, from + BULK_CHUNK)),
                        ApplyOptions.defaults());
                if (!plan.applied()) {
                    throw new IllegalStateException("the bulk load was not applied");
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        double rate = size / (elapsed / 1e9);
        out.printf(Locale.ROOT, "  bulk load (apply service, in-process): %,d products in %.1f s = %,.0f products/s%n",
                size, elapsed / 1e9, rate);
        return rate;
    }

    /** Applies {@code count} new products over HTTP in one request; then the same again, which changes nothing. */
    private static double httpApply(HttpProbe probe, int size, int count, PrintStream out) throws Exception {
        MeshBundle bundle = MeshGenerator.bundle(size, size + count);
        byte[] body = JSON.writeValueAsBytes(bundle);
        long start = System.nanoTime();
        JsonNode plan = JSON.readTree(probe.post("/api/v1/apply", body));
        long elapsed = System.nanoTime() - start;
        requireApplied(plan, count);
        long again = System.nanoTime();
        JsonNode second = JSON.readTree(probe.post("/api/v1/apply", body));
        long secondElapsed = System.nanoTime() - again;
        for (JsonNode item : second.path("items")) {
            if (!item.path("change").asText().equals("unchanged")) {
                throw new IllegalStateException("applying the same bundle again changed " + item);
            }
        }
        double rate = count / (elapsed / 1e9);
        out.printf(Locale.ROOT, "  apply over HTTP: %,d new products (%,d KB) in %s = %,.0f products/s;"
                        + " again (no changes) in %s = %,.0f products/s%n", count, body.length / 1024,
                Measure.millis(elapsed), rate, Measure.millis(secondElapsed), count / (secondElapsed / 1e9));
        return rate;
    }

    private static void requireApplied(JsonNode plan, int count) {
        long added = 0;
        for (JsonNode item : plan.path("items")) {
            if (item.path("kind").asText().equals("product") && item.path("change").asText().equals("add")) {
                added++;
            }
        }
        if (!plan.path("applied").asBoolean() || added != count) {
            throw new IllegalStateException("expected " + count + " products added, the plan says " + added);
        }
    }

    /** Cursors spread over the whole listing (every 1000th product), and null for the first page. */
    private static List<String> cursors(HttpProbe probe) throws Exception {
        List<String> cursors = new ArrayList<>();
        cursors.add(null);
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(probe.get(page(cursor, 1000)));
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null);
        return cursors;
    }

    private static String page(String cursor, int limit) {
        return "/api/v1/products?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    /**
     * How many statements the store ran per request, read from the server's own metrics: the same for a page
     * of 10 and of 1000 when a page costs a fixed number of queries (no N+1).
     */
    private static double statementsPerRequest(HttpProbe probe, java.util.function.Supplier<String> paths)
            throws Exception {
        int requests = 20;
        long before = statementsExecuted(probe);
        for (int i = 0; i < requests; i++) {
            probe.get(paths.get());
        }
        return (statementsExecuted(probe) - before) / (double) requests;
    }

    private static long statementsExecuted(HttpProbe probe) throws Exception {
        long total = 0;
        for (String line : probe.get("/metrics").split("\n")) {
            if (line.startsWith("polder_store_statement_duration_seconds_count")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Times each request alone, after a warm-up of a tenth as many. */
    private static Latencies timeRequests(HttpProbe probe, int count, java.util.function.Supplier<String> paths)
            throws Exception {
        for (int i = 0; i < Math.max(20, count / 10); i++) {
            probe.get(paths.get());
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String path = paths.get();
            long start = System.nanoTime();
            probe.get(path);
            nanos[i] = System.nanoTime() - start;
        }
        return new Latencies(nanos);
    }

    /** One database and size's figures, and the targets that apply to them. */
    record Figures(String database, int size, double bulkRate, double httpRate, Latencies get, Latencies list,
                   double listRatio, Latencies pages, double indexMillis) {
        static final String HEADER = String.format(Locale.ROOT, "%-9s %9s %10s %10s %9s %9s %9s %9s %8s %9s %9s %10s",
                "db", "products", "bulk/s", "http/s", "get p50", "get p95", "list p50", "list p95", "1000/10",
                "page p50", "page p95", "index/prod");

        String line() {
            return String.format(Locale.ROOT, "%-9s %,9d %,10.0f %,10.0f %9s %9s %9s %9s %8s %9s %9s %7.2f ms",
                    database, size, bulkRate, httpRate, Measure.millis(get.p50()), Measure.millis(get.p95()),
                    Measure.millis(list.p50()), Measure.millis(list.p95()), Measure.ratio(listRatio),
                    Measure.millis(pages.p50()), Measure.millis(pages.p95()), indexMillis);
        }

        boolean check(PrintStream out) {
            return pageTarget(out) & apiTarget(out);
        }

        private boolean pageTarget(PrintStream out) {
            if (!database.equals("sqlite") || size != PAGE_TARGET_PRODUCTS) {
                return true;
            }
            boolean met = pages.p95() <= PAGE_TARGET_NANOS;
            out.println("  target at " + String.format(Locale.ROOT, "%,d", size) + " products on SQLite: product page"
                    + " p95 <= 100 ms: " + (met ? "met" : "MISSED"));
            return met;
        }

        private boolean apiTarget(PrintStream out) {
            if (!database.equals("sqlite") || size < TARGET_PRODUCTS) {
                return true;
            }
            boolean met = get.p95() <= P95_TARGET_NANOS && list.p95() <= P95_TARGET_NANOS;
            out.println("  target at " + String.format(Locale.ROOT, "%,d", size) + " products on SQLite: get and list p95"
                    + " <= 20 ms: " + (met ? "met" : "MISSED"));
            return met;
        }
    }
}
