package io.polder.bench;

import io.polder.engine.duckdb.DuckDbEngineFactory;
import io.polder.model.odcs.DataContract;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Progress;
import io.polder.spi.ProgressListener;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ./bench engine --only=overhead}: the fixed cost of a contract run and of a build, where it is all there
 * is: a small snapshot (1,000 rows of the engine benchmark's 20 columns) and the same 30-check contract. Each run
 * is cut into the steps the engine reports as progress (opening the session, locking it down, the footers, the
 * scan, closing, recording the results), timed as they arrive on the run's thread. The baselines run in the same
 * process, interleaved with the engine's runs: the engine's fused query for the 30 checks in a DuckDB connection
 * that is already open, and DuckDB's COPY of the build's SELECT. No target: the figures say where the fixed cost
 * goes.
 */
final class EngineOverhead {
    private EngineOverhead() {
    }

    static boolean run(BenchOptions options, PrintStream out) throws Exception {
        EngineWorkload workload = EngineWorkload.of(options, 1_000L, 21);
        Path directory = Files.createTempDirectory("polder-bench-overhead");
        try {
            Path source = workload.writeDataset(directory);
            out.printf(Locale.ROOT, "engine overhead: %,d rows x 20 columns, %,d bytes of Parquet; %d threads, memory %s;"
                    + " median of %d runs, interleaved%n", workload.rows(), Files.size(source), workload.threads(),
                    workload.memory(), workload.runs());
            EngineConfig config = workload.engineConfig(source);
            try (Engine engine = new DuckDbEngineFactory().create(config, EngineContext.of(directory.resolve("data")));
                 Engine inline = new DuckDbEngineFactory().create(config.with("open-sessions-ahead", "false"),
                         EngineContext.of(directory.resolve("data")));
                 Connection duckdb = EngineSuite.duckdb(workload.threads(), workload.memory())) {
                measure(engine, inline, duckdb, source, workload.runs(), out);
            }
            return true;
        } finally {
            EngineSuite.delete(directory);
        }
    }

    private static void measure(Engine engine, Engine inline, Connection duckdb, Path source, int runs, PrintStream out)
            throws Exception {
        DataContract thirty = EngineSuite.contract(EngineContracts.thirtyChecks(false));
        BuildRequest build = BuildRequest.of(EngineSuite.product(EngineContracts.thirtyChecks(false)), List.of());
        BuildResult first = engine.build(build, null);
        if (!first.succeeded()) {
            throw new IllegalStateException("the benchmark build failed: " + first.failure());
        }
        // the builds below replace the published snapshot; the baseline reads a copy of the first one's file
        Path snapshot = Files.copy(Path.of(engine.describe(EngineSuite.PORT, "orders").location()),
                source.resolveSibling("snapshot.parquet"));
        String from = " FROM read_parquet('" + snapshot + "')";
        String fused = enginesFusedQuery(from);
        Path copy = source.resolveSibling("copy.parquet");
        String copySql = "COPY (SELECT " + BenchDataset.COLUMNS + " FROM read_parquet('" + source + "')) TO '" + copy
                + "' (FORMAT parquet)";
        StageClock baselineSteps = new StageClock();
        StageClock checkSteps = new StageClock();
        StageClock inlineSteps = new StageClock();
        StageClock copySteps = new StageClock();
        StageClock buildSteps = new StageClock();
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        tasks.put("fused", () -> baselineSteps.time(() -> EngineSuite.single(duckdb, fused)));
        tasks.put("check", () -> checkSteps.time(() -> {
            CheckRun run = engine.check(CheckRequest.published(EngineSuite.PORT, thirty), checkSteps);
            if (run.results().stream().filter(result -> !"schema".equals(result.metric())).count() != 30
                    || run.blocksPublishing()) {
                throw new IllegalStateException("the benchmark contract must have 30 passing data checks");
            }
            return run;
        }));
        tasks.put("check-inline", () -> inlineSteps.time(() -> inline.check(CheckRequest.published(EngineSuite.PORT,
                thirty), inlineSteps)));
        tasks.put("copy", () -> copySteps.time(() -> {
            Files.deleteIfExists(copy);
            try (Statement statement = duckdb.createStatement()) {
                statement.execute(copySql);
                return statement.getUpdateCount();
            }
        }));
        tasks.put("build", () -> buildSteps.time(() -> {
            engine.applyRetention(EngineSuite.PORT, RetentionPolicy.keepLast(1));
            buildSteps.progress(new Progress("bench", Stage.RETENTION, null, -1, null,
                    "(the bench) deleted the snapshot before, keeping one"));
            BuildResult result = engine.build(build, buildSteps);
            if (!result.succeeded()) {
                throw new IllegalStateException("the benchmark build failed: " + result.failure());
            }
            return result;
        }));
        Map<String, Measure.Timing> timings = Measure.interleavedTimings(1, runs, tasks);
        long baseline = timings.get("fused").wallNanos();
        out.println("  contract run: 30 data checks (+20 schema checks from metadata)");
        line(out, "baseline: the engine's fused query, open DuckDB", baseline, baselineSteps, baseline, baselineSteps);
        line(out, "polder: contract run (polder test)", timings.get("check").wallNanos(), checkSteps, baseline,
                baselineSteps);
        checkSteps.print(out, baseline);
        line(out, "polder: the same, open-sessions-ahead=false", timings.get("check-inline").wallNanos(), inlineSteps,
                baseline, baselineSteps);
        inlineSteps.print(out, baseline);
        long copyBaseline = timings.get("copy").wallNanos();
        out.println("  build: the rows written as a snapshot, checked against the 30 checks, published");
        line(out, "baseline: DuckDB COPY of the same SELECT to Parquet", copyBaseline, copySteps, copyBaseline, copySteps);
        line(out, "polder: build (polder build)", timings.get("build").wallNanos(), buildSteps, copyBaseline, copySteps);
        buildSteps.print(out, copyBaseline);
        out.println("  (wall: median; CPU: the process's, every thread, mean per run; a step is the wall time from the"
                + " step before, or from the start of the run, to its progress report, median; ratios are of the"
                + " baseline's)");
    }

    /**
     * The fused query the engine writes for the 30-check contract, copied from the engine (null counts come from
     * the footers, lists of values are chains of equalities, ranges are comparisons, the anchored patterns
     * GLOBs): what the contract run costs when nothing but the query is run.
     */
    private static String enginesFusedQuery(String from) {
        return "SELECT count(*), count_if(code IS NOT NULL AND NOT (code GLOB 'ORD-" + "[0-9]".repeat(9) + "')),"
                + " count_if(customer_id = 0),"
                + " count_if(channel IS NOT NULL AND NOT ((channel = 'web' OR channel = 'store' OR channel = 'phone'))),"
                + " count_if(country IS NOT NULL AND NOT ((country = 'NL' OR country = 'BE' OR country = 'DE'"
                + " OR country = 'FR' OR country = 'SE'))),"
                + " count_if((note IS NULL OR (note = '' OR note = 'N/A'))),"
                + " count_if(quantity IS NOT NULL AND NOT ((quantity >= 1 AND quantity <= 50))),"
                + " count_if(flag IS NOT NULL AND NOT (flag IS NOT NULL)),"
                + " count_if(email IS NOT NULL AND NOT (regexp_matches(email, '@example[.]com$'))),"
                + " count_if((email = '' OR email = 'n/a')),"
                + " count_if(status IS NOT NULL AND NOT ((status = 'a' OR status = 'b' OR status = 'c' OR status = 'd'))),"
                + " count_if(days IS NOT NULL AND NOT ((days >= 0 AND days <= 364))),"
                + " count_if(sku IS NOT NULL AND NOT (sku GLOB 'SKU-" + "[0-9]".repeat(7) + "'))" + from;
    }

    private static void line(PrintStream out, String label, long wallNanos, StageClock clock, long baselineWall,
                             StageClock baseline) {
        out.printf(Locale.ROOT, "    %-58s %10s %8s   CPU %10s %8s%n", label, Measure.millis(wallNanos),
                Measure.ratio((double) wallNanos / baselineWall), Measure.millis(clock.meanCpuNanos()),
                Measure.ratio((double) clock.meanCpuNanos() / baseline.meanCpuNanos()));
    }

    /**
     * Receives a run's progress reports on the run's thread and times the steps between them; keeps the steps of
     * every measured run (the first run of a task is the warm-up, not kept).
     */
    private static final class StageClock implements ProgressListener {
        private final List<List<Step>> runs = new ArrayList<>();
        private List<Step> current = new ArrayList<>();
        private long last;
        private long cpuNanos;
        private boolean warm;

        <T> T time(Callable<T> run) throws Exception {
            current = new ArrayList<>();
            long cpu = Measure.processCpuNanos();
            last = System.nanoTime();
            T result = run.call();
            current.add(new Step("(to the end of the run)", System.nanoTime() - last));
            if (warm) {
                runs.add(current);
                cpuNanos += Measure.processCpuNanos() - cpu;
            }
            warm = true;
            return result;
        }

        /** The process's CPU time per measured run, a mean: the clock ticks in steps too coarse for a median. */
        long meanCpuNanos() {
            return runs.isEmpty() ? 0 : cpuNanos / runs.size();
        }

        @Override
        public void progress(Progress progress) {
            long now = System.nanoTime();
            current.add(new Step(progress.stage().value() + ": " + progress.message(), now - last));
            last = now;
        }

        void print(PrintStream out, long baselineNanos) {
            int steps = runs.getFirst().size();
            if (runs.stream().anyMatch(run -> run.size() != steps)) {
                throw new IllegalStateException("the runs reported different steps: " + runs.stream()
                        .map(run -> Integer.toString(run.size())).collect(Collectors.joining(", ")));
            }
            for (int i = 0; i < steps; i++) {
                long[] nanos = new long[runs.size()];
                for (int run = 0; run < nanos.length; run++) {
                    nanos[run] = runs.get(run).get(i).nanos();
                }
                Arrays.sort(nanos);
                String label = runs.getFirst().get(i).label();
                out.printf(Locale.ROOT, "      %-56s %10s %8s%n", label.length() > 56 ? label.substring(0, 53) + "..." : label,
                        Measure.millis(nanos[nanos.length / 2]), Measure.ratio((double) nanos[nanos.length / 2] / baselineNanos));
            }
        }

        private record Step(String label, long nanos) {
        }
    }
}
