package io.polder.registry;

import static io.polder.registry.ExampleMesh.withPolicyFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.governance.ComplianceReport;
import io.polder.registry.governance.ComplianceService;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The kept compliance evaluation: a repeated read does not evaluate again, and the read after each kind of change
 * (an apply of products, policies or a domain's owners, a lifecycle change, a contract run's checks, a change by
 * another process, an exemption expiring, the clock for a policy that reads {@code now}) sees the change. Evaluations are counted by
 * {@link ComplianceService#evaluations()}, never timed.
 */
abstract class ComplianceCacheTests extends RegistryTestBase {
    private static final String SALES_ORDERS = "sales/sales-orders";
    private static final String NO_LEGACY = """
            apiVersion: polder/v1
            kind: Policy
            id: no-legacy-products
            version: 1.0.0
            target: product
            severity: warning
            rule: "!('legacy' in product.tags)"
            message: "{{ product.id }} is tagged legacy"
            """;
    private static final Principal READER = Principal.consumer("reader");

    private final MeshBundle example = ExampleMesh.withPolicies();

    private ComplianceService compliance() {
        return registry.compliance();
    }

    private void apply(MeshBundle bundle) {
        registry.apply().apply(admin(), bundle, ApplyOptions.defaults());
        assertThat(compliance().awaitRecorded(Duration.ofSeconds(60))).isTrue();
    }

    /** sales-orders in version 1.3.0, tagged legacy. */
    private static MeshBundle legacySalesOrders(MeshBundle bundle) {
        return ExampleMesh.withProduct(bundle, SALES_ORDERS, text -> ExampleMesh.version("1.2.0", "1.3.0").apply(text)
                .replace("tags: [sales, orders, source-aligned]", "tags: [sales, orders, source-aligned, legacy]"));
    }

    private void changeLifecycle(Registry through, String product, LifecycleStatus status) {
        long revision = through.catalog().getProductSummary(product).revision();
        LocalDate sunset = status == LifecycleStatus.DEPRECATED ? LocalDate.parse("2026-12-31") : null;
        through.lifecycle().changeLifecycle(admin(), product, status, sunset, revision);
    }

    /** Reads compliance twice; the second read must be served without evaluating. */
    private ComplianceReport readTwice() {
        ComplianceReport first = compliance().report(READER, null);
        long evaluations = compliance().evaluations();
        ComplianceReport second = compliance().report(READER, null);
        assertThat(compliance().evaluations()).as("a repeated read evaluates nothing").isEqualTo(evaluations);
        assertThat(second.evaluatedAt()).isEqualTo(first.evaluatedAt());
        assertThat(second.failures()).isEqualTo(first.failures());
        return second;
    }

    private static List<String> failing(ComplianceReport report) {
        return report.failures().stream().map(failure -> failure.product() + ":" + failure.policy()).toList();
    }

    @Test
    void aRepeatedReadIsServedFromTheKeptEvaluation() {
        apply(example);
        long afterApply = compliance().evaluations();
        assertThat(afterApply).as("the snapshot after the apply evaluated").isPositive();
        ComplianceReport report = readTwice();
        assertThat(compliance().evaluations()).as("the apply's snapshot is the evaluation the reads are served")
                .isEqualTo(afterApply);
        assertThat(report.total().products()).isEqualTo(7);
        assertThat(compliance().report(READER, "sales").total().products()).isEqualTo(2);
        ComplianceReport recorded = compliance().record(Principal.governance("gov"));
        assertThat(recorded.history()).hasSize(2);
        assertThat(compliance().evaluations()).as("a domain's read and a recording use it too").isEqualTo(afterApply);
        apply(example); // changes nothing: the snapshot after it evaluates nothing either
        assertThat(compliance().evaluations()).isEqualTo(afterApply);
        assertThat(compliance().report(READER, null).history()).hasSize(3);
    }

    @Test
    void everyKindOfChangeIsSeenByTheNextRead() {
        apply(withPolicyFile(example, "policies/legacy.yaml", NO_LEGACY));
        assertThat(failing(readTwice())).isEmpty();

        apply(withPolicyFile(legacySalesOrders(example), "policies/legacy.yaml", NO_LEGACY)); // a product changes
        assertThat(failing(readTwice())).containsExactly("sales-orders:no-legacy-products");

        apply(legacySalesOrders(example)); // the policy is removed
        ComplianceReport withoutPolicy = readTwice();
        assertThat(failing(withoutPolicy)).isEmpty();
        assertThat(withoutPolicy.policyRates()).noneMatch(rate -> rate.policy().equals("no-legacy-products"));

        long evaluations = compliance().evaluations();
        changeLifecycle(registry, "customer-profiles", LifecycleStatus.DEPRECATED); // records no snapshot
        assertThat(failing(readTwice())).containsExactly("customer-360:no-deprecated-dependencies");
        assertThat(compliance().evaluations()).isEqualTo(evaluations + 1);

        changeLifecycle(registry, "customer-profiles", LifecycleStatus.RETIRED);
        ComplianceReport retired = readTwice();
        assertThat(retired.total().products()).isEqualTo(6);
        assertThat(compliance().evaluations()).isEqualTo(evaluations + 2);
    }

    @Test
    void aDomainOwnerChangeInMeshYamlIsSeenByTheNextRead() {
        MeshBundle withPolicy = withPolicyFile(example, "policies/owners.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: one-owner-per-domain
                version: 1.0.0
                target: product
                severity: warning
                when: product.domain == 'sales'
                rule: domain.owners.size() == 1
                message: "{{ domain.id }} has {{ domain.owners.size() }} owners"
                """);
        apply(withPolicy);
        assertThat(failing(readTwice())).isEmpty();
        String meshYaml = withPolicy.meshYaml().replace("owners: [dana@acme.example]",
                "owners: [dana@acme.example, erik@acme.example]");
        assertThat(meshYaml).isNotEqualTo(withPolicy.meshYaml());
        apply(new MeshBundle(meshYaml, withPolicy.products(), withPolicy.policies()));
        assertThat(failing(readTwice())).containsExactlyInAnyOrder("sales-orders:one-owner-per-domain",
                "sales-daily-revenue:one-owner-per-domain");
    }

    @Test
    void aContractRunsChecksAreSeenByTheNextRead() {
        apply(withPolicyFile(example, "policies/checks.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: checks-pass
                version: 1.0.0
                target: product
                severity: warning
                rule: facts.latestChecks.all(check, check.outcome != 'failed')
                message: a check of {{ product.id }} failed in its latest run
                """));
        assertThat(failing(readTwice())).isEmpty();
        Run run = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().finishBuild(run.id(), failedRowCount(run.id()));
        assertThat(failing(readTwice())).containsExactly("sales-orders:checks-pass");
    }

    @Test
    void aChangeMadeByAnotherProcessIsSeen() {
        apply(example);
        assertThat(failing(readTwice())).isEmpty();
        try (Registry other = Registry.open(jdbcUrl, clock)) { // another replica on the same store
            changeLifecycle(other, "customer-profiles", LifecycleStatus.DEPRECATED);
        }
        assertThat(failing(readTwice())).containsExactly("customer-360:no-deprecated-dependencies");
    }

    @Test
    void aKeptEvaluationEndsWhenAnExemptionExpires() {
        apply(withPolicyFile(withPolicyFile(legacySalesOrders(example), "policies/legacy.yaml", NO_LEGACY),
                "policies/exemptions/sales-orders.yaml", """
                        apiVersion: polder/v1
                        kind: PolicyExemption
                        policy: no-legacy-products
                        product: sales-orders
                        reason: Leaving the legacy system in January.
                        approver: governance@acme.example
                        expires: 2026-02-01
                        """));
        ComplianceReport exempted = readTwice();
        assertThat(exempted.total().counts().exempted()).isEqualTo(1);
        assertThat(failing(exempted)).isEmpty();

        clock.advance(Duration.ofDays(10)); // 2026-01-25: still exempted, nothing changed
        long evaluations = compliance().evaluations();
        assertThat(compliance().report(READER, null).evaluatedAt()).isEqualTo(exempted.evaluatedAt());
        assertThat(compliance().evaluations()).isEqualTo(evaluations);

        clock.advance(Duration.ofDays(10)); // 2026-02-04: expired, though nothing in the store changed
        ComplianceReport expired = readTwice();
        assertThat(compliance().evaluations()).isEqualTo(evaluations + 1);
        assertThat(expired.total().counts().exempted()).isZero();
        assertThat(failing(expired)).containsExactly("sales-orders:no-legacy-products");
    }

    @Test
    void aPolicyThatReadsNowBoundsTheAgeOfTheKeptEvaluation() {
        apply(withPolicyFile(example, "policies/deadline.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: before-the-deadline
                version: 1.0.0
                target: product
                severity: warning
                rule: now < timestamp('2026-01-15T10:00:05Z')
                message: "{{ product.id }} is evaluated after the deadline"
                """)); // START is 10:00:00
        assertThat(failing(readTwice())).isEmpty();
        long evaluations = compliance().evaluations();
        clock.advance(Duration.ofSeconds(3));
        assertThat(failing(compliance().report(READER, null))).isEmpty();
        assertThat(compliance().evaluations()).as("younger than the bound: kept").isEqualTo(evaluations);
        clock.advance(ComplianceService.NOW_MAX_AGE);
        ComplianceReport later = readTwice();
        assertThat(compliance().evaluations()).as("older than the bound: evaluated again").isEqualTo(evaluations + 1);
        assertThat(failing(later)).hasSize(7).allMatch(failure -> failure.endsWith(":before-the-deadline"));
    }

    @Test
    void aPolicyStoppedAtItsLimitBoundsTheAgeOfTheKeptEvaluation() {
        apply(withPolicyFile(example, "policies/runaway.yaml", ExampleMesh.runawayPolicy("warning",
                "never shown")));
        ComplianceReport stopped = readTwice();
        assertThat(stopped.total().counts().errored()).as("stopped on every product").isEqualTo(7);
        long evaluations = compliance().evaluations();
        clock.advance(ComplianceService.NOW_MAX_AGE.plusSeconds(1));
        compliance().report(READER, null);
        assertThat(compliance().evaluations()).as("a limit a busy moment may have caused is tried again")
                .isEqualTo(evaluations + 1);
    }

    @Test
    void concurrentReadsAfterAChangeShareOneEvaluation() throws Exception {
        apply(example);
        changeLifecycle(registry, "customer-profiles", LifecycleStatus.DEPRECATED);
        long evaluations = compliance().evaluations();
        int readers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<ComplianceReport>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    return compliance().report(READER, null);
                }));
            }
            start.countDown();
            for (Future<ComplianceReport> read : reads) {
                assertThat(failing(read.get())).containsExactly("customer-360:no-deprecated-dependencies");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(compliance().evaluations()).as("one evaluation, the other reads waited for it")
                .isEqualTo(evaluations + 1);
    }

    @Test
    void anEvaluationReadsOneStateOfTheStoreWhateverCommitsMeanwhile() {
        apply(example);
        String generation = "SELECT generation FROM compliance_generation WHERE id = 1";
        String status = "SELECT status FROM products WHERE id = 'customer-profiles'";
        long before = registry.database().read(handle -> handle.createQuery(generation).mapTo(Long.class).one());
        List<Object> seen = registry.database().snapshot(handle -> {
            long first = handle.createQuery(generation).mapTo(Long.class).one();
            // commits on another connection (another thread: JDBI would lend this thread's open handle)
            CompletableFuture.runAsync(() -> changeLifecycle(registry, "customer-profiles", LifecycleStatus.DEPRECATED))
                    .join();
            return List.of(first, handle.createQuery(generation).mapTo(Long.class).one(),
                    handle.createQuery(status).mapTo(String.class).one());
        });
        assertThat(seen).containsExactly(before, before, "active");
        long after = registry.database().read(handle -> handle.createQuery(generation).mapTo(Long.class).one());
        assertThat(after).as("the lifecycle change moved the generation, once committed").isGreaterThan(before);
        assertThat(failing(readTwice())).containsExactly("customer-360:no-deprecated-dependencies");
    }

    /** A build of sales-orders whose row-count check failed. */
    private static BuildResult failedRowCount(String runId) {
        PortRef orders = new PortRef("sales-orders", "orders", 1);
        SnapshotId snapshot = SnapshotId.parse("20260115T100000000Z-0a0b0c");
        CheckResult rowCount = new CheckResult("orders-row-count", "enough orders", CheckKind.LIBRARY, "orders", null,
                "rowCount", Severity.ERROR, CheckOutcome.FAILED, 500L, "rows", null, "500 rows, expected >= 1000", null);
        CheckRun checks = new CheckRun(runId, orders, snapshot, "sales-orders-orders", "1.2.0", START,
                Duration.ofMillis(40), 1, List.of(rowCount));
        PortBuild port = new PortBuild(orders, PortOutcome.QUARANTINED, snapshot,
                List.of(new TableInfo("orders", 500, 4096, List.of())), checks, null);
        return new BuildResult(runId, "sales-orders", BuildOutcome.FAILED, START, START.plusSeconds(2), List.of(port),
                null, List.of(), List.of());
    }
}
