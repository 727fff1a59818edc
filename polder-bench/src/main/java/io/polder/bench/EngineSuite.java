package io.polder.bench;

import io.polder.engine.duckdb.DuckDbEngineFactory;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OdpsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.PortRef;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.settings.ProductSettingsReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DuckDB engine against DuckDB itself, on N rows of 20 columns (10 million by default):
 * <ul>
 * <li>a contract run of 30 checks, fused into one scan, against a bare scan of the same columns (every value of
 *     the 19 checked columns read and decoded once, a null count each; EXPLAIN ANALYZE shows all 19 in the
 *     Parquet scan), and against the same checks run one query each, the way dbt and datacontract-cli run them.
 *     Target: fused <= 1.3x the bare scan. The fused run reads 9 of the 19 columns: the others' checks are
 *     answered from the footers (null counts, integer ranges within min/max). Beside it: the 27 checks that are
 *     not patterns, and the three patterns alone in plain DuckDB (as regular expressions, and as the engine
 *     writes them, two of them as GLOBs), which show where the rest goes.</li>
 * <li>a build writing the N rows (write, checks of the schema, publish) against DuckDB's own COPY of the
 *     same SELECT to Parquet. Target: <= 1.2x.</li>
 * </ul>
 * The engine and the baselines run with the same threads and memory limit, in the same process.
 */
final class EngineSuite implements Suite {
    private static final double CHECK_TARGET = 1.3;
    private static final double BUILD_TARGET = 1.2;
    static final PortRef PORT = new PortRef("bench-orders", "orders", 1);

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public String description() {
        return "DuckDB engine: 30-check contract run vs a bare scan, build vs DuckDB COPY (--rows=10000000, --runs=3);"
                + " targets <= 1.3x and <= 1.2x; --only=overhead: the fixed cost of a contract run and a build, step by"
                + " step, on a small snapshot (--rows=1000 --runs=21)";
    }

    @Override
    public boolean run(BenchOptions options, PrintStream out) throws Exception {
        String only = options.string("only", "");
        if (only.equals("overhead")) {
            return EngineOverhead.run(options, out);
        }
        if (!only.isEmpty()) {
            throw new IllegalArgumentException("--only takes overhead (the fixed cost of a contract run and a build, step"
                    + " by step, on a small snapshot), found " + only);
        }
        EngineWorkload workload = EngineWorkload.of(options, 10_000_000L, 3);
        int runs = workload.runs();
        int threads = workload.threads();
        String memory = workload.memory();
        Path directory = Files.createTempDirectory("polder-bench-engine");
        try {
            long generating = System.nanoTime();
            Path source = workload.writeDataset(directory);
            out.printf("engine: %,d rows x 20 columns, %,d bytes of Parquet (written in %s); %d threads, memory %s;"
                    + " median of %d runs%n", workload.rows(), Files.size(source),
                    Measure.millis(System.nanoTime() - generating), threads, memory, runs);
            EngineConfig config = workload.engineConfig(source).with("statement-timeout", "2h");
            try (Engine engine = new DuckDbEngineFactory().create(config, EngineContext.of(directory.resolve("data")))) {
                boolean buildMet = buildBenchmark(engine, source, directory, threads, memory, runs, out);
                boolean checksMet = checkBenchmark(engine, config, directory.resolve("data"), threads, memory, runs, out);
                boolean met = buildMet && checksMet;
                out.println(met ? "  targets met" : "  TARGET MISSED");
                return met;
            }
        } finally {
            delete(directory);
        }
    }

    private static boolean buildBenchmark(Engine engine, Path source, Path directory, int threads, String memory,
                                          int runs, PrintStream out) throws Exception {
        BuildRequest request = BuildRequest.of(product(EngineContracts.schemaOnly()), List.of());
        Path copy = directory.resolve("copy.parquet");
        String select = "SELECT " + BenchDataset.COLUMNS + " FROM read_parquet('" + source + "')";
        long[] rowsWritten = new long[1];
        java.util.Map<String, Long> times;
        try (Connection duckdb = duckdb(threads, memory)) {
            java.util.Map<String, java.util.concurrent.Callable<?>> tasks = new java.util.LinkedHashMap<>();
            tasks.put("copy", () -> {
                Files.deleteIfExists(copy);
                try (Statement statement = duckdb.createStatement()) {
                    statement.execute("COPY (" + select + ") TO '" + copy + "' (FORMAT parquet)");
                    return statement.getUpdateCount();
                }
            });
            tasks.put("build", () -> {
                engine.applyRetention(PORT, RetentionPolicy.keepLast(1));
                BuildResult result = engine.build(request, null);
                if (!result.succeeded()) {
                    throw new IllegalStateException("the benchmark build failed: " + result.failure());
                }
                rowsWritten[0] = result.ports().getFirst().tables().getFirst().rows();
                return result;
            });
            times = Measure.interleaved(1, runs, tasks);
        }
        long baseline = times.get("copy");
        long measured = times.get("build");
        double ratio = (double) measured / baseline;
        out.println("  build: write N rows as a snapshot");
        out.printf("    %-58s %12s%n", "baseline: DuckDB COPY (SELECT 20 columns) TO parquet", Measure.millis(baseline));
        out.printf("    %-58s %12s   %s of baseline (target <= %.1fx)%n",
                "polder: build (lock-down, write, schema checks, publish)", Measure.millis(measured), Measure.ratio(ratio),
                BUILD_TARGET);
        out.printf("    rows written: %,d%n", rowsWritten[0]);
        return ratio <= BUILD_TARGET;
    }

    private static boolean checkBenchmark(Engine engine, EngineConfig config, Path dataDirectory, int threads,
                                          String memory, int runs, PrintStream out) throws Exception {
        DataContract thirty = contract(EngineContracts.thirtyChecks(false));
        DataContract withKey = contract(EngineContracts.thirtyChecks(true));
        DataContract noPatterns = contract(EngineContracts.withoutPatterns());
        CheckRun sample = engine.check(CheckRequest.published(PORT, thirty), null);
        List<CheckResult> dataChecks = sample.results().stream().filter(result -> !"schema".equals(result.metric())).toList();
        if (!sample.problems().isEmpty() || dataChecks.size() != 30) {
            throw new IllegalStateException("the benchmark contract must have 30 passing data checks: " + dataChecks.size()
                    + " " + sample.problems());
        }
        String file = engine.describe(PORT, "orders").location();
        String from = " FROM read_parquet('" + file + "')";
        List<String> queries = perCheckQueries(from);
        java.util.Map<String, Measure.Timing> timings;
        try (Connection duckdb = duckdb(threads, memory);
             Engine scanning = new DuckDbEngineFactory().create(config.with("parquet-statistics", "false"),
                     EngineContext.of(dataDirectory))) {
            java.util.Map<String, java.util.concurrent.Callable<?>> tasks = new java.util.LinkedHashMap<>();
            tasks.put("bare", () -> single(duckdb, bareScan(from)));
            tasks.put("fused", () -> engine.check(CheckRequest.published(PORT, thirty), null));
            tasks.put("scanned", () -> scanning.check(CheckRequest.published(PORT, thirty), null));
            tasks.put("one-by-one", () -> {
                long total = 0;
                for (String query : queries) {
                    total += single(duckdb, query);
                }
                return total;
            });
            tasks.put("with-key", () -> engine.check(CheckRequest.published(PORT, withKey), null));
            tasks.put("no-patterns", () -> engine.check(CheckRequest.published(PORT, noPatterns), null));
            tasks.put("patterns-alone", () -> single(duckdb, patternsAlone(from)));
            tasks.put("patterns-glob", () -> single(duckdb, patternsAsGlobs(from)));
            timings = Measure.interleavedTimings(1, runs, tasks);
        }
        java.util.Map<String, Long> times = new java.util.LinkedHashMap<>();
        timings.forEach((name, timing) -> times.put(name, timing.wallNanos()));
        long bare = times.get("bare");
        long fused = times.get("fused");
        long scanned = times.get("scanned");
        long oneByOne = times.get("one-by-one");
        long fusedWithKey = times.get("with-key");
        long withoutPatterns = times.get("no-patterns");
        long patterns = times.get("patterns-alone");
        long globs = times.get("patterns-glob");
        CheckRun keyed = engine.check(CheckRequest.published(PORT, withKey), null);
        double ratio = (double) fused / bare;
        out.println("  contract run: 30 data checks (+20 schema checks from metadata)");
        out.printf("    %-58s %12s%n", "baseline: bare scan, every value of the 19 checked columns", Measure.millis(bare));
        out.printf("    %-58s %12s   %s of baseline (target <= %.1fx); %d queries%n", "polder: fused contract run",
                Measure.millis(fused), Measure.ratio(ratio), CHECK_TARGET, sample.queryCount());
        out.printf("    %-58s %12s   %s of baseline (null counts scanned, not read from the footers)%n",
                "polder: fused contract run, parquet-statistics=false", Measure.millis(scanned), Measure.ratio((double) scanned / bare));
        out.printf("    %-58s %12s   %s of baseline, %s of fused; %d queries%n", "one query per check (dbt, datacontract-cli way)",
                Measure.millis(oneByOne), Measure.ratio((double) oneByOne / bare), Measure.ratio((double) oneByOne / fused),
                perCheckQueries("").size());
        out.printf("    %-58s %12s   %s of baseline (the three regular expressions cost the rest)%n",
                "polder: the 27 checks that are not patterns", Measure.millis(withoutPatterns),
                Measure.ratio((double) withoutPatterns / bare));
        out.printf("    %-58s %12s   %s of baseline (DuckDB's regexp_matches, RE2, per row)%n",
                "DuckDB alone: the three patterns, one scan of their columns", Measure.millis(patterns),
                Measure.ratio((double) patterns / bare));
        out.printf("    %-58s %12s   %s of baseline (two GLOBs and a regexp, as the engine writes them: the floor"
                + " under the fused run's patterns)%n", "DuckDB alone: the same, two patterns as GLOB", Measure.millis(globs),
                Measure.ratio((double) globs / bare));
        out.printf("    %-58s %12s   fused %s, one query per check %s, patterns alone %s, as GLOB %s (CPU time of this"
                + " process, steadier than wall time on a shared machine)%n", "CPU time, the same runs: baseline",
                Measure.millis(timings.get("bare").cpuNanos()), cpuRatio(timings, "fused"), cpuRatio(timings, "one-by-one"),
                cpuRatio(timings, "patterns-alone"), cpuRatio(timings, "patterns-glob"));
        out.printf("    %-58s %12s   %s of baseline; %d queries (not a target: a key set is a hash aggregate,"
                + " not a scan)%n", "polder: the 30 checks plus `unique: true` on id", Measure.millis(fusedWithKey),
                Measure.ratio((double) fusedWithKey / bare), keyed.queryCount());
        return ratio <= CHECK_TARGET;
    }

    private static String cpuRatio(java.util.Map<String, Measure.Timing> timings, String task) {
        long bare = timings.get("bare").cpuNanos();
        long measured = timings.get(task).cpuNanos();
        return bare <= 0 || measured < 0 ? "n/a" : Measure.ratio((double) measured / bare);
    }

    /**
     * The bare scan: every value of the 19 checked columns (all but ref) read once, with the least work DuckDB
     * can be asked to do per value (is it null?, which DuckDB even folds to false where the footer has no
     * nulls, but still reads the column). Cheaper-looking queries (count, min, max) are answered from the
     * footers and read nothing.
     */
    private static String bareScan(String from) {
        return "SELECT count(*), " + Stream.of(BenchDataset.COLUMNS.split(", ")).filter(column -> !column.equals("ref"))
                .map(column -> "count_if(" + column + " IS NULL)").collect(Collectors.joining(", ")) + from;
    }

    /**
     * The three pattern checks alone, as plain DuckDB counts them in one scan of sku, code and email: what
     * evaluating the regular expressions costs before Polder adds anything.
     */
    private static String patternsAlone(String from) {
        return "SELECT count_if(NOT regexp_matches(sku, '^SKU-[0-9]{7}$')) + count_if(NOT regexp_matches(code,"
                + " '^ORD-[0-9]{9}$')) + count_if(NOT regexp_matches(email, '@example[.]com$'))" + from;
    }

    /**
     * The same three patterns as the engine writes them: the two anchored ones become GLOBs (matching the same
     * strings, see the engine's RegexGlob), the unanchored one stays a regular expression.
     */
    private static String patternsAsGlobs(String from) {
        return "SELECT count_if(NOT (sku GLOB 'SKU-" + "[0-9]".repeat(7) + "')) + count_if(NOT (code GLOB 'ORD-"
                + "[0-9]".repeat(9) + "')) + count_if(NOT regexp_matches(email, '@example[.]com$'))" + from;
    }

    /**
     * The 30 checks as 30 queries, each counting the rows that break one check with a WHERE clause, as dbt
     * tests and datacontract-cli (through Soda) write them.
     */
    private static List<String> perCheckQueries(String from) {
        List<String> queries = new ArrayList<>();
        queries.add("SELECT count(*)" + from);
        checkConditions().forEach(condition -> queries.add("SELECT count(*)" + from + " WHERE " + condition));
        return queries;
    }

    /** The rows breaking each of the 30 checks but the row count, as a WHERE condition each. */
    static List<String> checkConditions() {
        List<String> where = new ArrayList<>();
        for (String column : List.of("id", "code", "customer_id", "channel", "country", "amount", "tax", "order_date",
                "updated_at", "status", "sku", "score", "note", "maybe", "pct", "days", "quantity")) {
            where.add(column + " IS NULL");
        }
        where.add("channel IS NOT NULL AND NOT (channel IN (SELECT unnest(['web', 'store', 'phone'])))");
        where.add("country IS NOT NULL AND NOT (country IN (SELECT unnest(['NL', 'BE', 'DE', 'FR', 'SE'])))");
        where.add("status IS NOT NULL AND NOT (status IN (SELECT unnest(['a', 'b', 'c', 'd'])))");
        where.add("flag IS NOT NULL AND NOT (flag IN (true, false))");
        where.add("days IS NOT NULL AND NOT (days IN (SELECT unnest([" + numbers(0, 364) + "])))");
        where.add("quantity IS NOT NULL AND NOT (quantity IN (SELECT unnest([" + numbers(1, 50) + "])))");
        where.add("sku IS NOT NULL AND NOT regexp_matches(sku, '^SKU-[0-9]{7}$')");
        where.add("code IS NOT NULL AND NOT regexp_matches(code, '^ORD-[0-9]{9}$')");
        where.add("email IS NOT NULL AND NOT regexp_matches(email, '@example[.]com$')");
        where.add("note IS NULL OR note IN (SELECT unnest(['', 'N/A']))");
        where.add("email IN (SELECT unnest(['', 'n/a']))");
        where.add("customer_id IN (SELECT unnest([0]))");
        return where;
    }

    private static String numbers(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            Object value = result.getObject(1);
            return value instanceof Number number ? number.longValue() : 0;
        }
    }

    static Connection duckdb(int threads, String memory) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("threads", Integer.toString(threads));
        properties.setProperty("memory_limit", memory);
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    static ProductDefinition product(String contractYaml) {
        return new ProductDefinition(productDocument(), List.of(contract(contractYaml)),
                List.of(new BuildFile("orders", "SELECT " + BenchDataset.COLUMNS + " FROM source.big", "bench/orders.sql")),
                ProductSettingsReader.parse("""
                        apiVersion: polder/v1
                        kind: ProductSettings
                        sources:
                          - {name: big, format: parquet, path: big.parquet}
                        """, "bench/polder.yaml"));
    }

    static DataContract contract(String yaml) {
        Problems problems = new Problems("bench.odcs.yaml");
        DataContract contract = new OdcsReader().read(document(yaml, "bench.odcs.yaml"), problems);
        if (problems.hasErrors()) {
            throw new IllegalStateException("the benchmark contract is invalid: " + problems.list());
        }
        return contract;
    }

    private static DataProduct productDocument() {
        Problems problems = new Problems("bench.odps.yaml");
        DataProduct product = new OdpsReader().read(document(EngineContracts.product(), "bench.odps.yaml"), problems);
        if (problems.hasErrors()) {
            throw new IllegalStateException("the benchmark product is invalid: " + problems.list());
        }
        return product;
    }

    private static SourceDocument document(String yaml, String name) {
        return DocumentReader.withDefaults().read(yaml, name, SourceFormat.YAML).documents().getFirst();
    }

    static void delete(Path directory) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
