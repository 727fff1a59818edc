package io.polder.web;

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
import java.util.List;

/**
 * Builds of customer-profiles recorded in the registry as the engine would report them, on the test clock:
 * four published snapshots and one quarantined build, the last publish 36 hours before the clock's end, past
 * the contract's freshness SLA (frequency: 1 day).
 */
final class TestRuns {
    static final String PRODUCT = "customer-profiles";
    static final PortRef CUSTOMERS = new PortRef(PRODUCT, "customers", 2);
    /** From the first build to the clock's end. */
    static final Duration SPAN = Duration.ofHours(4 * 24);

    private TestRuns() {
    }

    /** Records the builds, moving {@code clock} forward by {@link #SPAN} in all. */
    static void record(Registry registry, Principal admin, WebTestServer.MutableClock clock) {
        build(registry, admin, clock, true);           // day 0
        clock.advance(Duration.ofHours(24));
        build(registry, admin, clock, true);           // day 1: replaced after 24 h, within the SLA
        clock.advance(Duration.ofHours(24));
        build(registry, admin, clock, false);          // day 2: quarantined, the day-1 snapshot stays published
        clock.advance(Duration.ofHours(12));
        build(registry, admin, clock, true);           // day 2.5: replaced after 36 h, past the SLA
        clock.advance(Duration.ofHours(36));           // day 4: the last publish is 36 h old
    }

    private static void build(Registry registry, Principal admin, WebTestServer.MutableClock clock, boolean passes) {
        Run run = registry.runs().create(admin, RunKind.BUILD, PRODUCT, null, RunTrigger.SCHEDULE);
        registry.runs().start(run.id());
        Instant now = clock.instant();
        SnapshotId snapshot = SnapshotId.at(now, new java.util.Random(now.toEpochMilli()));
        CheckResult required = new CheckResult("customers.customer_id:required", "customer_id is required",
                CheckKind.REQUIRED, "customers", "customer_id", null, Severity.ERROR, CheckOutcome.PASSED, 0L, "rows",
                null, "no nulls", null);
        CheckResult emails = new CheckResult("email_format", "emails are well formed", CheckKind.LIBRARY, "customers",
                "email", "invalidValues", Severity.ERROR, passes ? CheckOutcome.PASSED : CheckOutcome.FAILED,
                passes ? 0L : 12L, "rows", null, passes ? "no invalid values" : "12 invalid values", null);
        CheckResult phones = new CheckResult("phone_format", "phones are well formed", CheckKind.LIBRARY, "customers",
                "phone", "invalidValues", Severity.WARNING, CheckOutcome.FAILED, 3L, "rows", null,
                "3 invalid values", null);
        CheckRun checks = new CheckRun(run.id(), CUSTOMERS, snapshot, "customer-profiles-customers", "2.1.0", now,
                Duration.ofMillis(30), 2, List.of(required, emails, phones));
        PortBuild port = new PortBuild(CUSTOMERS, passes ? PortOutcome.PUBLISHED : PortOutcome.QUARANTINED, snapshot,
                List.of(new TableInfo("customers", 5000, 65536, List.of())), checks, passes ? snapshot : null);
        registry.runs().finishBuild(run.id(), new BuildResult(run.id(), PRODUCT,
                passes ? BuildOutcome.SUCCEEDED : BuildOutcome.FAILED, now, now.plusSeconds(3), List.of(port), null,
                List.of(), List.of()));
    }
}
