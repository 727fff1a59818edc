package io.polder.registry.runs;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.polder.error.ErrorCode;
import io.polder.model.odcs.Comparison;
import io.polder.model.odcs.ComparisonOperator;
import io.polder.registry.ExampleMesh;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.governance.PolicyPreview;
import io.polder.registry.governance.PreviewRequest;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.auth.Principal;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.Stage;
import io.polder.spi.TableInfo;
import io.polder.spi.build.BuildOutcome;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.build.RunFailure;
import io.polder.spi.check.CheckKind;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.FailedRows;
import io.polder.spi.check.Severity;
import io.polder.spi.lineage.RunEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * polder.yaml and build SQL published with a product version, builds composed from the registry, runs with their
 * checks and lineage, who may build, and the product-level lineage graph.
 */
public abstract class RunTests extends RegistryTestBase {
    private static final PortRef ORDERS = new PortRef("sales-orders", "orders", 1);
    private static final SnapshotId SNAPSHOT = SnapshotId.parse("20260115T100000000Z-0a0b0c");

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults());
    }

    @Test
    void aBuildIsComposedFromWhatWasApplied() {
        BuildTarget revenue = registry.buildDefinitions().target("sales-daily-revenue");
        assertThat(revenue.version()).isEqualTo(registry.catalog().getProductSummary("sales-daily-revenue").currentVersion());
        assertThat(revenue.definition().buildFiles()).extracting(file -> file.name())
                .containsExactly("daily_revenue", "eur_rates");
        assertThat(revenue.definition().buildFiles().getFirst().displayPath())
                .isEqualTo("sales/sales-daily-revenue/build/daily_revenue.sql");
        assertThat(revenue.definition().outputPorts()).isNotEmpty();
        assertThat(revenue.inputs()).singleElement().satisfies(binding -> {
            assertThat(binding.inputPort()).isEqualTo("orders");
            assertThat(binding.upstream()).isEqualTo(ORDERS);
        });
        BuildTarget orders = registry.buildDefinitions().target("sales-orders");
        assertThat(orders.definition().settings().sources()).extracting(source -> source.name())
                .containsExactly("orders_export", "order_lines_export");
        assertThat(orders.definition().settings().schedule().cron()).isEqualTo("5 * * * *");
        assertThat(registry.buildDefinitions().settings()).containsKeys("sales-orders", "sales-daily-revenue");
        failure(() -> registry.buildDefinitions().target("no-such-product"), ErrorCode.NOT_FOUND);
    }

    @Test
    void platformFilesAreImmutableWithTheVersion() {
        MeshBundle changed = ExampleMesh.withProductFolder(ExampleMesh.bundleWithPlatformFiles(), "sales/sales-orders",
                product -> new BundleProduct(product.path(), product.productYaml(), product.contracts(),
                        product.settingsYaml().replace("keepLast: 48", "keepLast: 12"), product.buildFiles()));
        assertThat(failure(() -> registry.apply().plan(admin(), changed, ApplyOptions.defaults()), ErrorCode.CONFLICT)
                .getMessage()).contains("sales-orders").contains("polder.yaml");
        MeshBundle sqlChanged = ExampleMesh.withProductFolder(ExampleMesh.bundleWithPlatformFiles(), "sales/sales-orders",
                product -> new BundleProduct(product.path(), product.productYaml(), product.contracts(),
                        product.settingsYaml(), List.of(new BundleFile("orders.sql", "SELECT 1 AS order_id"))));
        failure(() -> registry.apply().plan(admin(), sqlChanged, ApplyOptions.defaults()), ErrorCode.CONFLICT);
        assertThat(registry.apply().plan(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults())
                .hasChanges()).isFalse();
    }

    @Test
    void anInvalidPolderYamlOrBuildFileNameIsAnInvalidDocumentAtItsLine() {
        MeshBundle broken = ExampleMesh.withProductFolder(ExampleMesh.bundleWithPlatformFiles(), "sales/sales-orders",
                product -> new BundleProduct(product.path(), product.productYaml(), product.contracts(),
                        product.settingsYaml().replace("format: parquet", "format: excel"),
                        List.of(new BundleFile("bad-name.sql", "SELECT 1"))));
        var error = failure(() -> registry.apply().plan(admin(), broken, ApplyOptions.defaults()), ErrorCode.INVALID_DOCUMENT);
        assertThat(error.getMessage()).contains("sales/sales-orders/polder.yaml:");
        assertThat(error.details().get("problems").toString()).contains("format").contains("bad-name.sql");
    }

    @Test
    void aBuildRunIsRecordedWithItsPortsChecksAndLineage() {
        Run queued = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        assertThat(queued.state()).isEqualTo(RunState.QUEUED);
        assertThat(queued.requestedBy()).isEqualTo("root-admin");
        registry.runs().start(queued.id());
        registry.runs().progress(queued.id(), "write", 1234);
        assertThat(registry.runs().get(queued.id())).satisfies(run -> {
            assertThat(run.state()).isEqualTo(RunState.RUNNING);
            assertThat(run.stage()).isEqualTo("write");
            assertThat(run.rows()).isEqualTo(1234);
        });
        Run finished = registry.runs().finishBuild(queued.id(), buildResult(queued.id(), true));
        assertThat(finished.state()).isEqualTo(RunState.FAILED);
        assertThat(finished.errorMessage()).contains("not published").contains("sales-orders/orders/v1");
        assertThat(finished.rows()).isEqualTo(500);
        assertThat(finished.queryCount()).isEqualTo(3);
        RunDetail detail = registry.runs().detail(queued.id());
        assertThat(detail.ports()).singleElement().satisfies(port -> {
            assertThat(port.outcome()).isEqualTo("quarantined");
            assertThat(port.publishedSnapshot()).isNull();
            assertThat(port.checkOutcome()).isEqualTo("failed");
        });
        assertThat(detail.checks()).hasSize(2);
        assertThat(detail.checks().get(1)).satisfies(check -> {
            assertThat(check.threshold()).isEqualTo(">= 1000");
            assertThat(check.value()).isEqualTo(500);
            assertThat(check.outcome()).isEqualTo("failed");
            assertThat(check.failedRows().rows()).containsExactly(List.of(7L, "NL"));
            assertThat(check.failedRows().omittedColumns()).containsExactly("email");
        });
        assertThat(detail.lineage()).hasSize(2);
        assertThat(registry.runs().lineageEvents(queued.id())).extracting(RunEvent::eventType)
                .containsExactly(RunEvent.EventType.START, RunEvent.EventType.FAIL);
        List<AuditEvent> audited = registry.audit().list(admin(), AuditFilter.all(), PageRequest.first()).items();
        assertThat(audited).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("build-product");
            assertThat(event.target()).isEqualTo("product/sales-orders");
        });
    }

    @Test
    void theHistoryTalliesEachRunsChecksAndListsWhatWasPublishedNewestFirst() {
        RunHistory history = new RunHistory(registry.database());
        assertThat(history.checks("sales-orders", 10)).isEmpty();
        Run first = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().finishBuild(first.id(), buildResult(first.id(), false));
        clock.advance(Duration.ofHours(25));
        Run second = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().finishBuild(second.id(), buildResult(second.id(), true));
        registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST); // unfinished

        assertThat(history.checks("sales-orders", 10))
                .extracting(RunHistory.CheckTally::runId, RunHistory.CheckTally::port, RunHistory.CheckTally::passed,
                        RunHistory.CheckTally::blocking, RunHistory.CheckTally::warned, RunHistory.CheckTally::skipped)
                .containsExactly(tuple(second.id(), ORDERS.toString(), 1, 1, 0, 0),
                        tuple(first.id(), ORDERS.toString(), 2, 0, 0, 0));
        assertThat(history.checks("sales-orders", 1)).hasSize(1);
        assertThat(history.publishes("sales-orders", 10)).singleElement().satisfies(publish -> {
            assertThat(publish.runId()).isEqualTo(first.id());
            assertThat(publish.snapshot()).isEqualTo(SNAPSHOT.value());
            assertThat(publish.rows()).isEqualTo(500);
            assertThat(publish.publishedAt()).isEqualTo(registry.runs().get(first.id()).finishedAt());
        });
        assertThat(history.publishes("customer-profiles", 10)).isEmpty();
        failure(() -> history.checks("<bad>", 10), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void policiesSeeTheChecksOfTheLatestRunOfEachPort() {
        assertThat(registry.runs().latestChecks("sales-orders")).isEmpty();
        Run first = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().finishBuild(first.id(), buildResult(first.id(), true));
        assertThat(registry.runs().latestChecks("sales-orders"))
                .extracting(RunService.LatestCheck::rule, RunService.LatestCheck::outcome, RunService.LatestCheck::port)
                .containsExactly(tuple("orders.order_id:required", "passed", ORDERS.toString()),
                        tuple("orders-row-count", "failed", ORDERS.toString()));
        PolicyPreview failing = registry.policies().preview(admin(), new PreviewRequest("policies/checks.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: checks-pass
                version: 1.0.0
                target: product
                severity: error
                rule: facts.latestChecks.all(check, check.outcome != 'failed')
                message: a check of {{ product.id }} failed in its latest run
                """));
        assertThat(failing.affected()).filteredOn(product -> product.product().equals("sales-orders"))
                .singleElement().satisfies(product -> assertThat(product.blocking()).isTrue());

        Run second = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().finishBuild(second.id(), buildResult(second.id(), false));
        assertThat(registry.runs().latestChecks("sales-orders")).extracting(RunService.LatestCheck::outcome)
                .containsExactly("passed", "passed");
        assertThat(registry.runs().latestChecks("customer-profiles")).isEmpty();
        assertThat(registry.database().read(RunService::latestChecksOfEvery)).as("all products' in one read, the same")
                .containsOnlyKeys("sales-orders").containsEntry("sales-orders", registry.runs().latestChecks("sales-orders"));
    }

    @Test
    void aFailureBeforeTheChecksIsRecordedWithItsCodeAndStage() {
        Run run = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        BuildResult failed = new BuildResult(run.id(), "sales-orders", BuildOutcome.FAILED, START, START.plusSeconds(1),
                List.of(new PortBuild(ORDERS, PortOutcome.FAILED, null, List.of(), null, null)),
                new RunFailure(ErrorCode.INVALID_DOCUMENT, Stage.LOAD_SOURCES, "source orders_export: no such file"),
                List.of(), List.of("lineage endpoint did not answer"));
        Run finished = registry.runs().finishBuild(run.id(), failed);
        assertThat(finished.state()).isEqualTo(RunState.FAILED);
        assertThat(finished.errorCode()).isEqualTo("INVALID_DOCUMENT");
        assertThat(finished.stage()).isEqualTo("load-sources");
        assertThat(finished.errorMessage()).contains("no such file");
        assertThat(finished.warnings()).containsExactly("lineage endpoint did not answer");
        failure(() -> registry.runs().finishBuild(run.id(), failed), ErrorCode.CONFLICT);
    }

    @Test
    void aQueuedRunShowsWhatItWaitsForUntilItStarts() {
        Run test = registry.runs().create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST);

        assertThat(registry.runs().waiting(test.id(), "waiting: build")).isTrue();
        assertThat(registry.runs().get(test.id()).stage()).isEqualTo("waiting: build");
        assertThat(registry.runs().start(test.id())).isTrue();
        assertThat(registry.runs().get(test.id()).stage()).as("it has stopped waiting").isNull();
        assertThat(registry.runs().waiting(test.id(), "waiting: build")).as("only a queued run waits so").isFalse();
        assertThat(registry.runs().progress(test.id(), "waiting: test", 0)).isTrue();
        assertThat(registry.runs().get(test.id()).stage()).isEqualTo("waiting: test");
    }

    @Test
    void theLineageOfARunEndedWithoutItsResultIsRecordedOnce() {
        Run run = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().start(run.id());
        List<RunEvent> lineage = buildResult(run.id(), true).lineage(); // START, then FAIL
        assertThat(registry.runs().recordLineage(run.id(), lineage)).as("not while it runs").isFalse();

        registry.runs().fail(run.id(), ErrorCode.INTERNAL, "another server failed it", "write");
        assertThat(registry.runs().recordLineage(run.id(), lineage)).isTrue();
        assertThat(registry.runs().lineageEvents(run.id())).isEqualTo(lineage);
        assertThat(registry.runs().recordLineage(run.id(), lineage)).as("once").isFalse();
        assertThat(registry.runs().detail(run.id()).lineage()).hasSize(2);
    }

    @Test
    void oneBuildOfAProductAtATimeButTestsAndOtherProductsGoOn() {
        Run first = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.REQUEST);
        var conflict = failure(() -> registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null,
                RunTrigger.REQUEST), ErrorCode.CONFLICT);
        assertThat(conflict.getMessage()).contains(first.id());
        registry.runs().create(admin(), RunKind.TEST, "sales-orders", ORDERS.toString(), RunTrigger.REQUEST, "host-a:/data");
        registry.runs().create(admin(), RunKind.BUILD, "sales-daily-revenue", null, RunTrigger.REQUEST, "host-a:/data");
        registry.runs().fail(first.id(), ErrorCode.INTERNAL, "stopped", "provision");
        Run otherReplica = registry.runs().create(admin(), RunKind.BUILD, "sales-orders", null, RunTrigger.SCHEDULE,
                "host-b:/data");
        assertThat(registry.runs().failUnfinished("host-a:/data", "the server stopped while the run was going on"))
                .isEqualTo(2);
        assertThat(registry.runs().list(new RunFilter(null, null, RunState.QUEUED), PageRequest.first()).items())
                .extracting(Run::id).containsExactly(otherReplica.id());
    }

    @Test
    void whoMayBuild() {
        registry.runs().create(Principal.domainOwner("dana", "sales"), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST);
        registry.runs().create(Principal.member("omar", "sales-order-team"), RunKind.TEST, "sales-orders", null,
                RunTrigger.REQUEST);
        failure(() -> registry.runs().create(Principal.member("lena", "sales-analytics-team"), RunKind.BUILD,
                "sales-orders", null, RunTrigger.REQUEST), ErrorCode.FORBIDDEN);
        failure(() -> registry.runs().create(Principal.domainOwner("chen", "customer"), RunKind.BUILD, "sales-orders",
                null, RunTrigger.REQUEST), ErrorCode.FORBIDDEN);
        failure(() -> registry.runs().create(Principal.consumer("carl"), RunKind.BUILD, "sales-orders", null,
                RunTrigger.REQUEST), ErrorCode.FORBIDDEN);
        failure(() -> registry.runs().create(Principal.governance("gil"), RunKind.BUILD, "sales-orders", null,
                RunTrigger.REQUEST), ErrorCode.FORBIDDEN);
        List<AuditEvent> denied = registry.audit().list(admin(), AuditFilter.all()
                .withOutcome(io.polder.registry.audit.AuditOutcome.DENIED), PageRequest.first()).items();
        assertThat(denied).hasSize(4).allSatisfy(event -> assertThat(event.action()).isEqualTo("build-product"));
    }

    @Test
    void runsAreListedNewestFirstWithFiltersAndCursors() {
        for (String product : List.of("sales-orders", "sales-daily-revenue", "customer-profiles")) {
            Run run = registry.runs().create(admin(), RunKind.BUILD, product, null, RunTrigger.REQUEST);
            registry.runs().fail(run.id(), ErrorCode.INTERNAL, "stopped", "provision");
            clock.advance(Duration.ofSeconds(1));
        }
        registry.runs().create(admin(), RunKind.TEST, "sales-orders", null, RunTrigger.REQUEST);
        Page<Run> first = registry.runs().list(RunFilter.all(), PageRequest.first(2));
        assertThat(first.items()).extracting(Run::kind).containsExactly(RunKind.TEST, RunKind.BUILD);
        assertThat(first.items().get(1).productId()).isEqualTo("customer-profiles");
        Page<Run> second = registry.runs().list(RunFilter.all(), new PageRequest(first.nextCursor(), 2));
        assertThat(second.items()).extracting(Run::productId).containsExactly("sales-daily-revenue", "sales-orders");
        assertThat(second.nextCursor()).isNull();
        assertThat(registry.runs().list(new RunFilter("sales-orders", RunKind.BUILD, RunState.FAILED),
                PageRequest.first()).items()).hasSize(1);
        failure(() -> registry.runs().get("not-a-run"), ErrorCode.INVALID_ARGUMENT);
        failure(() -> registry.runs().get("0000000000zzzzzzzzzzzzzzzz"), ErrorCode.NOT_FOUND);
        failure(() -> registry.runs().list(RunFilter.all(), new PageRequest("bm90LWEtY3Vyc29y", 2)),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void theLineageGraphFollowsPortsBothWays() {
        LineageGraph whole = registry.lineage().graph(null, 1);
        assertThat(whole.nodes()).hasSize(7);
        assertThat(whole.edges()).hasSize(7).contains(new LineageGraph.Edge("sales-orders", "orders",
                "sales-daily-revenue", "orders", "sales-orders-orders"));
        LineageGraph revenue = registry.lineage().graph("sales-daily-revenue", 1);
        assertThat(revenue.nodes()).extracting(LineageGraph.Node::product, LineageGraph.Node::distance)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sales-daily-revenue", 0),
                        org.assertj.core.groups.Tuple.tuple("sales-orders", -1),
                        org.assertj.core.groups.Tuple.tuple("finance-revenue-report", 1));
        assertThat(registry.lineage().graph("sales-orders", 2).nodes()).extracting(LineageGraph.Node::product)
                .contains("finance-revenue-report");
        assertThat(registry.lineage().graph("sales-orders", 1).nodes()).extracting(LineageGraph.Node::product)
                .doesNotContain("finance-revenue-report");
        failure(() -> registry.lineage().graph("nope", 1), ErrorCode.NOT_FOUND);
        failure(() -> registry.lineage().graph(null, 0), ErrorCode.INVALID_ARGUMENT);
    }

    static BuildResult buildResult(String runId, boolean quarantined) {
        CheckResult passed = new CheckResult("orders.order_id:required", "order_id is required", CheckKind.REQUIRED,
                "orders", "order_id", null, Severity.ERROR, CheckOutcome.PASSED, 0L, "rows", null, "no nulls", null);
        CheckResult rowCount = new CheckResult("orders-row-count", "enough orders", CheckKind.LIBRARY, "orders", null,
                "rowCount", Severity.ERROR, quarantined ? CheckOutcome.FAILED : CheckOutcome.PASSED, 500L, "rows",
                new Comparison(ComparisonOperator.MUST_BE_GREATER_OR_EQUAL_TO, 1000L), "500 rows, expected >= 1000",
                new FailedRows(List.of("order_id", "country"), List.of(List.of(7L, "NL")), List.of("email")));
        CheckRun checks = new CheckRun(runId, ORDERS, SNAPSHOT, "sales-orders-orders", "1.2.0", START,
                Duration.ofMillis(40), 3, List.of(passed, rowCount));
        PortBuild port = new PortBuild(ORDERS, quarantined ? PortOutcome.QUARANTINED : PortOutcome.PUBLISHED, SNAPSHOT,
                List.of(new TableInfo("orders", 500, 4096, List.of())), checks, quarantined ? null : SNAPSHOT);
        String lineageRun = UUID.nameUUIDFromBytes(runId.getBytes()).toString();
        List<RunEvent> lineage = List.of(event(RunEvent.EventType.START, lineageRun),
                event(quarantined ? RunEvent.EventType.FAIL : RunEvent.EventType.COMPLETE, lineageRun));
        return new BuildResult(runId, "sales-orders", quarantined ? BuildOutcome.FAILED : BuildOutcome.SUCCEEDED, START,
                START.plusSeconds(2), List.of(port), null, lineage, List.of());
    }

    private static RunEvent event(RunEvent.EventType type, String runId) {
        return new RunEvent(type, START.toString(), "https://polder.io", RunEvent.SCHEMA_URL,
                new RunEvent.Run(runId, null), new RunEvent.Job("polder", "sales-orders", null), List.of(), List.of());
    }
}
