package io.polder.bench;

import io.polder.registry.Registry;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.Plan;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.governance.ComplianceReport;
import io.polder.registry.governance.ComplianceService;
import io.polder.registry.governance.PolicyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A compliance read ({@link ComplianceService#report}, what {@code GET /api/v1/compliance} and the web UI's
 * governance page serve) on a registry of N generated products with the example mesh's policies in force: the
 * first read after a change, which evaluates every current product again (the change is a product deprecated
 * through the lifecycle service, which records no snapshot, so the read itself evaluates), against a read of
 * the unchanged registry, served from the kept evaluation. Measured alternately, round after round, on the
 * same registry; each round checks through the service's evaluation count that the first read evaluated once
 * and the others not at all. Target: the kept read at most a tenth of the first.
 */
final class ComplianceBench {
    static final double TARGET = 0.1;
    private static final int BULK_CHUNK = 5_000;
    /** Kept reads timed per round, of which the median counts. */
    private static final int KEPT_READS = 15;
    private static final Principal LOADER = Principal.platformAdmin("bench-loader");
    private static final Principal READER = Principal.consumer("reader@bench.example");

    private ComplianceBench() {
    }

    /** Measures on the store at {@code jdbcUrl} (empty); returns whether the target is met. */
    static boolean run(String database, String jdbcUrl, int products, int rounds, PrintStream out) throws IOException {
        List<PolicyFile> policies = examplePolicies();
        out.printf(Locale.ROOT, "%ncompliance read, %s, %,d products, the example mesh's policies (%d files):%n",
                database, products, policies.size());
        try (Registry registry = Registry.open(jdbcUrl)) {
            long load = System.nanoTime();
            for (int from = 0; from < products; from += BULK_CHUNK) {
                requireApplied(registry.apply().apply(LOADER, MeshGenerator.bundle(from, Math.min(products,
                        from + BULK_CHUNK)), ApplyOptions.defaults()));
            }
            // the governance group's policies, applied alone (the products in force are reported, not refused)
            requireApplied(registry.apply().apply(LOADER, MeshGenerator.bundle(0, 0).withPolicies(policies),
                    ApplyOptions.defaults()));
            ComplianceService compliance = registry.compliance();
            if (!compliance.awaitRecorded(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the snapshot after the apply was not recorded in 10 minutes");
            }
            out.printf(Locale.ROOT, "  loaded and the snapshot after the apply recorded in %s%n",
                    Measure.millis(System.nanoTime() - load));
            int warmups = 2;
            long[] first = new long[rounds];
            long[] kept = new long[rounds];
            ComplianceReport report = null;
            for (int round = -warmups; round < rounds; round++) {
                deprecate(registry, round + warmups);
                long evaluations = compliance.evaluations();
                long start = System.nanoTime();
                report = compliance.report(READER, null);
                long firstRead = System.nanoTime() - start;
                requireEvaluations(compliance, evaluations + 1, "the first read after a change");
                long[] reads = new long[KEPT_READS];
                for (int i = 0; i < reads.length; i++) {
                    long read = System.nanoTime();
                    compliance.report(READER, null);
                    reads[i] = System.nanoTime() - read;
                }
                requireEvaluations(compliance, evaluations + 1, "reading the unchanged registry");
                if (round >= 0) {
                    first[round] = firstRead;
                    kept[round] = median(reads);
                }
            }
            long firstMedian = median(first);
            long keptMedian = median(kept);
            double ratio = (double) keptMedian / firstMedian;
            boolean met = ratio <= TARGET;
            out.printf(Locale.ROOT, "  first read after a change (evaluates %,d products), median of %d: %s"
                            + " (%.2f ms per product)%n", report.total().products(), rounds, Measure.millis(firstMedian),
                    firstMedian / 1e6 / report.total().products());
            out.printf(Locale.ROOT, "  read of the unchanged registry (kept evaluation), median: %s; %s faster%n",
                    Measure.millis(keptMedian), Measure.ratio((double) firstMedian / keptMedian));
            out.printf(Locale.ROOT, "  ratio kept / first: %.4f (target <= %.2f) %s; %d policies, %,d failures in the"
                            + " report%n", ratio, TARGET, met ? "ok" : "MISSED",
                    report.policies(), report.failuresTotal());
            return met;
        }
    }

    /** Deprecates one more product (a change that moves the compliance generation and records no snapshot). */
    private static void deprecate(Registry registry, int index) {
        String product = MeshGenerator.productId(index);
        long revision = registry.catalog().getProductSummary(product).revision();
        registry.lifecycle().changeLifecycle(LOADER, product, LifecycleStatus.DEPRECATED, LocalDate.parse("2030-12-31"),
                revision);
    }

    /** The policy files of the example mesh (examples/mesh/policies beside the launcher), as apply uploads them. */
    static List<PolicyFile> examplePolicies() throws IOException {
        Path root = Path.of(System.getProperty("polder.launcher", "polder")).toAbsolutePath().getParent();
        Path mesh = root.resolve("examples/mesh");
        Path folder = mesh.resolve("policies");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no example policies at " + folder + " (run through ./bench)");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
            List<PolicyFile> policies = new ArrayList<>();
            for (Path file : yaml) {
                policies.add(new PolicyFile(mesh.relativize(file).toString().replace('\\', '/'), Files.readString(file)));
            }
            return policies;
        }
    }

    private static void requireApplied(Plan plan) {
        if (!plan.applied()) {
            throw new IllegalStateException("the bench bundle was not applied");
        }
    }

    private static void requireEvaluations(ComplianceService compliance, long expected, String what) {
        if (compliance.evaluations() != expected) {
            throw new IllegalStateException(what + " made " + compliance.evaluations() + " evaluations in all, expected "
                    + expected);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
