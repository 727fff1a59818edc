package io.polder.bench;

import io.polder.registry.Registry;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunKind;
import io.polder.registry.runs.RunTrigger;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.TableInfo;
import io.polder.spi.build.BuildOutcome;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.check.CheckKind;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds recorded for some generated products, as the engine reports them (a published or quarantined
 * snapshot of the records port, with a few contract checks each), so that the product pages measured have a
 * quality and freshness history to draw.
 */
final class BenchRuns {
    private BenchRuns() {
    }

    /** Records {@code builds} builds of each of the products numbered {@code products}. */
    static void record(Registry registry, List<Integer> products, int builds) {
        Principal scheduler = Principal.platformAdmin("bench-scheduler");
        Random random = new Random(11);
        for (int product : products) {
            String id = MeshGenerator.productId(product);
            PortRef port = new PortRef(id, "records", 1);
            for (int i = 0; i < builds; i++) {
                Run run = registry.runs().create(scheduler, RunKind.BUILD, id, null, RunTrigger.SCHEDULE);
                registry.runs().finishBuild(run.id(), build(run.id(), port, random.nextInt(10) > 0, random));
            }
        }
    }

    private static BuildResult build(String runId, PortRef port, boolean passes, Random random) {
        Instant now = Instant.now();
        SnapshotId snapshot = SnapshotId.at(now, random);
        List<CheckResult> checks = new ArrayList<>();
        for (String column : List.of("id", "name", "amount", "created_at")) {
            checks.add(new CheckResult("records." + column + ":type", column + " has its type", CheckKind.SCHEMA,
                    "records", column, null, Severity.ERROR, CheckOutcome.PASSED, null, null, null, "as declared", null));
        }
        checks.add(new CheckResult("records.id:unique", "id is unique", CheckKind.UNIQUE, "records", "id", null,
                Severity.ERROR, passes ? CheckOutcome.PASSED : CheckOutcome.FAILED, passes ? 0L : 3L, "rows", null,
                passes ? "no duplicates" : "3 duplicate rows", null));
        CheckRun run = new CheckRun(runId, port, snapshot, port.productId() + "-records", "1.0.0", now,
                Duration.ofMillis(20), 2, checks);
        PortBuild built = new PortBuild(port, passes ? PortOutcome.PUBLISHED : PortOutcome.QUARANTINED, snapshot,
                List.of(new TableInfo("records", 10_000, 200_000, List.of())), run, passes ? snapshot : null);
        return new BuildResult(runId, port.productId(), passes ? BuildOutcome.SUCCEEDED : BuildOutcome.FAILED, now,
                now.plusMillis(500), List.of(built), null, List.of(), List.of());
    }
}
