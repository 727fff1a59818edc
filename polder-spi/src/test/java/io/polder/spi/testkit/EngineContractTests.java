package io.polder.spi.testkit;

import static io.polder.spi.testkit.KitFixtures.DAILY;
import static io.polder.spi.testkit.KitFixtures.GOOD_ORDERS;
import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.EngineFactory;
import io.polder.spi.EngineJson;
import io.polder.spi.Engines;
import io.polder.spi.Progress;
import io.polder.spi.PublishedRelation;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.RetentionResult;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.SnapshotState;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildOutcome;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.CheckRunOutcome;
import io.polder.spi.exceptions.ConcurrentBuildException;
import io.polder.spi.exceptions.InvalidEngineConfigException;
import io.polder.spi.exceptions.NoPublishedSnapshotException;
import io.polder.spi.exceptions.PublishRejectedException;
import io.polder.spi.exceptions.SnapshotNotFoundException;
import io.polder.spi.lineage.LineageJson;
import io.polder.spi.lineage.RunEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every engine must have, whatever it stores data in. An engine's test subclasses this in a
 * few lines, naming its factory (and, if it needs one, its configuration):
 * <pre>
 * class DuckDbEngineContractTest extends EngineContractTests {
 *     protected EngineFactory factory() { return new DuckDbEngineFactory(); }
 * }
 * </pre>
 * The products built are {@link KitFixtures}': a source-aligned product reading a CSV file and a product
 * that reads it through an input port.
 */
public abstract class EngineContractTests {
    @TempDir
    protected Path dataDirectory;
    protected RecordingLineage lineage;
    protected Engine engine;
    protected Path ordersCsv;

    /** The factory of the engine under test. */
    protected abstract EngineFactory factory();

    /** The engine's configuration for the tests; none by default. */
    protected EngineConfig config() {
        return EngineConfig.empty();
    }

    @BeforeEach
    void createEngine() {
        lineage = new RecordingLineage();
        engine = factory().create(config(), EngineContext.of(dataDirectory).withLineage(lineage));
        ordersCsv = KitFixtures.write(dataDirectory.resolve("kit-sources/orders.csv"), GOOD_ORDERS);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    // --- finding and configuring engines

    @Test
    void isFoundByNameWithTheServiceLoader() {
        EngineFactory found = Engines.factory(factory().name(), getClass().getClassLoader());
        assertThat(found.getClass()).isEqualTo(factory().getClass());
        assertThat(Engines.available(getClass().getClassLoader())).contains(factory().name());
        assertThat(engine.name()).isEqualTo(factory().name());
    }

    @Test
    void refusesAnUnknownSetting() {
        assertThatThrownBy(() -> factory().create(config().with("no-such-setting", "1"), EngineContext.of(dataDirectory)))
                .isInstanceOf(InvalidEngineConfigException.class)
                .hasMessageContaining("no-such-setting")
                .satisfies(e -> assertThat(((InvalidEngineConfigException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    // --- provisioning

    @Test
    void provisionsTheOutputPortsIdempotently() {
        assertThat(engine.provision(KitFixtures.orders(ordersCsv))).containsExactly(ORDERS);
        assertThat(engine.provision(KitFixtures.orders(ordersCsv))).containsExactly(ORDERS);
        assertThat(engine.snapshots(ORDERS)).isEmpty();
        assertThat(engine.published(ORDERS)).isEmpty();
    }

    // --- write-audit-publish

    @Test
    void publishesACandidateThatPassesItsContract() {
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv), null);

        assertThat(result.outcome()).as(describe(result)).isEqualTo(BuildOutcome.SUCCEEDED);
        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.PUBLISHED);
        assertThat(port.tables()).singleElement().satisfies(table -> assertThat(table.rows()).isEqualTo(10));
        assertThat(port.checks().outcome()).isNotEqualTo(CheckRunOutcome.FAILED);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(port.snapshot());
        assertThat(engine.snapshots(ORDERS)).singleElement()
                .satisfies(info -> assertThat(info.state()).isEqualTo(SnapshotState.PUBLISHED));
        PublishedRelation relation = engine.describe(ORDERS, "orders");
        assertThat(relation.rows()).isEqualTo(10);
        assertThat(relation.snapshot()).isEqualTo(port.snapshot());
        assertThat(relation.columns()).extracting(column -> column.name())
                .containsExactly("order_id", "customer_email", "status", "amount", "ordered_on");
    }

    @Test
    void keepsThePreviousSnapshotWhenNewDataBreaksTheContract() {
        SnapshotId good = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();
        KitFixtures.write(ordersCsv, KitFixtures.badOrders());

        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv), null);

        assertThat(result.outcome()).isEqualTo(BuildOutcome.FAILED);
        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.QUARANTINED);
        assertThat(port.published()).isEqualTo(good);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::state)
                .containsExactly(SnapshotState.QUARANTINED, SnapshotState.PUBLISHED);
        assertThat(port.checks().results()).filteredOn(CheckResult::blocksPublishing).extracting(CheckResult::ruleId)
                .contains("status_valid", "orders:primaryKey", "orders.customer_email:required");
    }

    @Test
    void samplesFailedRowsWithoutPersonalColumns() {
        KitFixtures.write(ordersCsv, KitFixtures.badOrders());
        CheckRun checks = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().checks();

        CheckResult invalidStatus = checks.result("status_valid").orElseThrow();
        assertThat(invalidStatus.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(invalidStatus.value()).isEqualTo(1L);
        assertThat(invalidStatus.failedRows()).isNotNull();
        assertThat(invalidStatus.failedRows().columns()).contains("order_id", "status").doesNotContain("customer_email");
        assertThat(invalidStatus.failedRows().omittedColumns()).containsExactly("customer_email");
        assertThat(invalidStatus.failedRows().rows()).singleElement()
                .satisfies(row -> assertThat(row).contains("lost").doesNotContain("lou@example.com"));
        CheckResult duplicateKey = checks.result("orders:primaryKey").orElseThrow();
        assertThat(duplicateKey.failedRows().rows()).hasSize(2);
        assertThat(EngineJson.write(checks)).doesNotContain("@example.com");

        SnapshotInfo quarantined = engine.snapshots(ORDERS).getFirst();
        assertThat(quarantined.state()).isEqualTo(SnapshotState.QUARANTINED);
        assertThat(quarantined.note()).contains("status_valid");
        CheckRun stored = engine.checks(ORDERS, quarantined.id()).orElseThrow();
        assertThat(stored.result("status_valid").orElseThrow().failedRows()).isEqualTo(invalidStatus.failedRows());
        assertThatThrownBy(() -> engine.checks(ORDERS, SnapshotId.parse("20200101T000000000Z-000000")))
                .isInstanceOf(SnapshotNotFoundException.class);
    }

    @Test
    void keepsThePreviousSnapshotWhenTheBuildSqlFails() {
        SnapshotId good = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();
        BuildRequest broken = BuildRequest.of(KitFixtures.orders(ordersCsv,
                "SELECT order_id, no_such_column FROM source.orders_csv", KitFixtures.ORDERS_CONTRACT), List.of());

        BuildResult result = engine.build(broken, null);

        assertThat(result.outcome()).isEqualTo(BuildOutcome.FAILED);
        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("kit-orders/build/orders.sql").contains("no_such_column");
        assertThat(result.port(ORDERS).orElseThrow().outcome()).isEqualTo(PortOutcome.FAILED);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(engine.snapshots(ORDERS)).hasSize(1);
    }

    @Test
    void publishesDespiteWarnings() {
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv), null);

        CheckRun checks = result.port(ORDERS).orElseThrow().checks();
        assertThat(checks.result("amount_not_huge").orElseThrow().outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(checks.result("amount_not_huge").orElseThrow().value()).isEqualTo(5L);
        assertThat(checks.outcome()).isEqualTo(CheckRunOutcome.WARNED);
        assertThat(result.port(ORDERS).orElseThrow().outcome()).isEqualTo(PortOutcome.PUBLISHED);
    }

    @Test
    void keepsAPassingCandidateUnpublishedWhenAskedAndPublishesItLater() {
        SnapshotId first = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv).withoutPublishing(), null);

        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(result.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(port.outcome()).isEqualTo(PortOutcome.CANDIDATE);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(first);

        SnapshotInfo published = engine.publish(ORDERS, port.snapshot());
        assertThat(published.state()).isEqualTo(SnapshotState.PUBLISHED);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(port.snapshot());
    }

    @Test
    void rollsBackToASupersededSnapshot() {
        SnapshotId first = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();
        SnapshotId second = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();
        assertThat(second).isGreaterThan(first);
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::state)
                .containsExactly(SnapshotState.PUBLISHED, SnapshotState.SUPERSEDED);

        engine.publish(ORDERS, first);

        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(first);
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::state)
                .containsExactly(SnapshotState.SUPERSEDED, SnapshotState.PUBLISHED);
    }

    @Test
    void refusesToPublishAQuarantinedOrUnknownSnapshot() {
        KitFixtures.write(ordersCsv, KitFixtures.badOrders());
        SnapshotId quarantined = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();

        assertThatThrownBy(() -> engine.publish(ORDERS, quarantined))
                .isInstanceOf(PublishRejectedException.class).hasMessageContaining("quarantined");
        assertThat(engine.published(ORDERS)).isEmpty();
        assertThatThrownBy(() -> engine.publish(ORDERS, SnapshotId.parse("20200101T000000000Z-000000")))
                .isInstanceOf(SnapshotNotFoundException.class)
                .satisfies(e -> assertThat(((SnapshotNotFoundException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    // --- inputs

    @Test
    void readsTheUpstreamPortsPublishedSnapshot() {
        engine.build(KitFixtures.buildOrders(ordersCsv), null);
        BuildResult daily = engine.build(KitFixtures.buildDaily(), null);

        assertThat(daily.outcome()).as(describe(daily)).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(engine.describe(DAILY, "daily").rows()).isEqualTo(4);

        KitFixtures.write(ordersCsv, KitFixtures.badOrders());
        engine.build(KitFixtures.buildOrders(ordersCsv), null);
        BuildResult again = engine.build(KitFixtures.buildDaily(), null);
        assertThat(again.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(engine.describe(DAILY, "daily").rows())
                .as("the quarantined upstream candidate (with a fifth day) is not read").isEqualTo(4);
    }

    @Test
    void failsWhenAnInputHasPublishedNothing() {
        BuildResult result = engine.build(KitFixtures.buildDaily(), null);

        assertThat(result.outcome()).isEqualTo(BuildOutcome.FAILED);
        assertThat(result.failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(result.failure().stage()).isEqualTo(Stage.RESOLVE_INPUTS);
        assertThat(result.failure().message()).contains("kit-orders");
    }

    @Test
    void refusesSqlThatReadsFilesOrUndeclaredRelations() {
        BuildResult files = engine.build(BuildRequest.of(KitFixtures.orders(ordersCsv,
                "SELECT * FROM read_csv('/etc/passwd')", KitFixtures.ORDERS_CONTRACT), List.of()), null);
        assertThat(files.failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(files.failure().message()).contains("read_csv");

        BuildResult undeclared = engine.build(BuildRequest.of(KitFixtures.orders(ordersCsv,
                "SELECT * FROM other_product.orders", KitFixtures.ORDERS_CONTRACT), List.of()), null);
        assertThat(undeclared.failure().code()).isIn(ErrorCode.INVALID_DOCUMENT, ErrorCode.FORBIDDEN);
        assertThat(undeclared.failure().message()).contains("other_product.orders");
        assertThat(engine.published(ORDERS)).isEmpty();
    }

    @Test
    void reportsAMissingSourceAsNotFound() {
        BuildResult result = engine.build(KitFixtures.buildOrders(dataDirectory.resolve("kit-sources/none.csv")), null);

        assertThat(result.failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(result.failure().stage()).isEqualTo(Stage.LOAD_SOURCES);
        assertThat(result.failure().message()).contains("none.csv");
    }

    // --- contract runs

    @Test
    void testsThePublishedSnapshotWithoutChangingIt() {
        SnapshotId good = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot();
        String stricter = KitFixtures.ORDERS_CONTRACT.replace("mustBeGreaterThan: 0", "mustBeGreaterThan: 100");

        CheckRun run = engine.check(CheckRequest.published(ORDERS, KitFixtures.contract(stricter)), null);

        assertThat(run.snapshot()).isEqualTo(good);
        assertThat(run.outcome()).isEqualTo(CheckRunOutcome.FAILED);
        assertThat(run.result("orders_row_count").orElseThrow().value()).isEqualTo(10L);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
    }

    @Test
    void refusesToTestAPortThatPublishedNothing() {
        assertThatThrownBy(() -> engine.check(CheckRequest.published(ORDERS, KitFixtures.contract(KitFixtures.ORDERS_CONTRACT)), null))
                .isInstanceOf(NoPublishedSnapshotException.class);
    }

    @Test
    void fusesSimpleChecksIntoOneScanPerTable() {
        CheckRun run = engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().checks();

        // one aggregate scan for the 10 counts, one query for the primary key's duplicates, one for the sql
        // rule, and one sample of the rows that fail the one failing check (a warning)
        assertThat(run.problems()).extracting(CheckResult::ruleId).containsExactly("amount_not_huge");
        assertThat(run.results()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(run.queryCount()).isEqualTo(1 + 1 + 1 + 1);
    }

    @Test
    void runsEveryRuleWhenSomeAreBroken() {
        String broken = KitFixtures.ORDERS_CONTRACT
                .replace("SELECT count(*) FROM {object} WHERE amount < 0", "SELECT count(*) FROM {object} WHERE nonsense <")
                .replace("pattern: \"^[0-9]\\\\.\"", "pattern: \"([0-9\"")
                + """
                      - id: missing_column_rule
                        metric: duplicateValues
                        arguments:
                          properties: [no_such_column]
                        mustBe: 0
                """;
        CheckRun run = engine.build(BuildRequest.of(KitFixtures.orders(ordersCsv, KitFixtures.ORDERS_SQL, broken),
                List.of()), null).port(ORDERS).orElseThrow().checks();

        assertThat(run.result("orders_no_negative_amounts").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("amount_not_huge").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("amount_not_huge").orElseThrow().message()).isNotBlank();
        assertThat(run.result("status_valid").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("orders_row_count").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("orders_reviewed").orElseThrow().outcome()).isEqualTo(CheckOutcome.SKIPPED);
        assertThat(run.result("missing_column_rule").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("missing_column_rule").orElseThrow().message()).contains("no_such_column");
    }

    // --- retention

    @Test
    void retentionKeepsTheNewestAndThePublished() {
        List<SnapshotId> built = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            built.add(engine.build(KitFixtures.buildOrders(ordersCsv), null).port(ORDERS).orElseThrow().snapshot());
        }
        engine.publish(ORDERS, built.get(0));

        RetentionResult result = engine.applyRetention(ORDERS, RetentionPolicy.keepLast(2));

        assertThat(result.deleted()).containsExactly(built.get(1));
        assertThat(result.kept()).containsExactly(built.get(2), built.get(0));
        assertThat(engine.snapshots(ORDERS)).extracting(SnapshotInfo::id).containsExactly(built.get(2), built.get(0));
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
        assertThat(engine.applyRetention(ORDERS, RetentionPolicy.none()).deleted()).isEmpty();
    }

    // --- lineage and progress

    @Test
    void emitsOpenLineageStartAndCompleteWithSchemas() {
        engine.build(KitFixtures.buildOrders(ordersCsv), null);
        BuildResult daily = engine.build(KitFixtures.buildDaily(), null);

        assertThat(daily.lineage()).extracting(RunEvent::eventType)
                .containsExactly(RunEvent.EventType.START, RunEvent.EventType.COMPLETE);
        RunEvent complete = daily.lineage().get(1);
        assertThat(complete.run().runId()).isEqualTo(daily.lineage().get(0).run().runId());
        assertThat(complete.job().name()).isEqualTo("kit-daily");
        assertThat(complete.inputs()).singleElement().satisfies(input -> {
            assertThat(input.name()).contains("kit-orders").contains("orders");
            assertThat(input.facets().schema().fields()).extracting(field -> field.name()).contains("order_id", "amount");
        });
        assertThat(complete.outputs()).singleElement().satisfies(output -> {
            assertThat(output.facets().schema().fields()).extracting(field -> field.name())
                    .containsExactly("ordered_on", "order_count", "revenue");
            assertThat(output.outputFacets().outputStatistics().rowCount()).isEqualTo(4);
        });
        assertThat(lineage.events()).hasSize(4);
        RunEvent parsed = LineageJson.read(LineageJson.write(complete));
        assertThat(parsed.outputs().getFirst().name()).isEqualTo(complete.outputs().getFirst().name());
        assertThat(LineageJson.write(complete)).contains("\"schemaURL\"").contains("\"_producer\"");
    }

    @Test
    void emitsOpenLineageFailWhenTheBuildFails() {
        KitFixtures.write(ordersCsv, KitFixtures.badOrders());
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv), null);

        assertThat(result.lineage()).extracting(RunEvent::eventType)
                .containsExactly(RunEvent.EventType.START, RunEvent.EventType.FAIL);
        assertThat(result.lineage().get(1).run().facets().errorMessage().message()).contains("status_valid");
    }

    @Test
    void leavesTheFinalLineageEventOfABuildWithoutPublishingToItsCaller() {
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv).withoutPublishing(), null);

        assertThat(lineage.events()).as("emitted: START only").extracting(RunEvent::eventType)
                .containsExactly(RunEvent.EventType.START);
        assertThat(result.lineage()).containsExactlyElementsOf(lineage.events());
        RunEvent pending = result.pendingFinalEventIfAny().orElseThrow();
        assertThat(pending.eventType()).isEqualTo(RunEvent.EventType.COMPLETE);
        assertThat(pending.run().runId()).isEqualTo(result.lineage().getFirst().run().runId());
        assertThat(pending.outputs()).singleElement().satisfies(output -> assertThat(
                output.outputFacets().outputStatistics().rowCount()).isEqualTo(10));
        RunEvent refused = pending.failedAt(Instant.parse("2026-01-02T03:04:05Z"), "the registry refused to publish");
        assertThat(refused.eventType()).isEqualTo(RunEvent.EventType.FAIL);
        assertThat(refused.eventTime()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(refused.run().facets().errorMessage().message()).isEqualTo("the registry refused to publish");
        assertThat(refused.outputs()).isEqualTo(pending.outputs());

        KitFixtures.write(ordersCsv, KitFixtures.badOrders());
        BuildResult failed = engine.build(KitFixtures.buildOrders(ordersCsv).withoutPublishing(), null);
        assertThat(failed.pendingFinalEventIfAny()).hasValueSatisfying(event -> {
            assertThat(event.eventType()).isEqualTo(RunEvent.EventType.FAIL);
            assertThat(event.run().facets().errorMessage().message()).contains("status_valid");
        });
        assertThat(lineage.events()).extracting(RunEvent::eventType)
                .containsExactly(RunEvent.EventType.START, RunEvent.EventType.START);
    }

    @Test
    void endsTheLineageOfABuildThatPublishesItself() {
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv), null);

        assertThat(result.pendingFinalEventIfAny()).isEmpty();
        assertThat(lineage.events()).extracting(RunEvent::eventType)
                .containsExactly(RunEvent.EventType.START, RunEvent.EventType.COMPLETE);
        assertThat(result.lineage()).containsExactlyElementsOf(lineage.events());
    }

    @Test
    void reportsProgressByStage() {
        List<Progress> seen = new ArrayList<>();
        engine.build(KitFixtures.buildOrders(ordersCsv), seen::add);

        assertThat(seen).extracting(Progress::stage).contains(Stage.WRITE, Stage.CHECK, Stage.PUBLISH);
        assertThat(seen).filteredOn(progress -> progress.stage() == Stage.WRITE && progress.rows() == 10).isNotEmpty();
    }

    // --- runs that wait for each other: a progress listener that blocks holds its run where it is

    @Test
    void aContractRunThatMeetsABuildOfItsProductSaysItWaitsForTheBuild() throws Exception {
        engine.build(KitFixtures.buildOrders(ordersCsv), null);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        List<Progress> seen = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<BuildResult> build = threads.submit(() -> engine.build(KitFixtures.buildOrders(ordersCsv), progress -> {
                if (progress.stage() == Stage.WRITE && writing.getCount() > 0) {
                    writing.countDown();
                    await(goOn, "the test to let the build go on");
                }
            }));
            await(writing, "the build to write");
            Future<CheckRun> check = threads.submit(() -> engine.check(CheckRequest.published(ORDERS,
                    KitFixtures.contract(KitFixtures.ORDERS_CONTRACT)), progress -> {
                        seen.add(progress);
                        if (progress.stage() == Stage.WAITING) {
                            waiting.countDown();
                        }
                    }));
            await(waiting, "the contract run to say it waits");
            goOn.countDown();
            SnapshotId built = build.get().port(ORDERS).orElseThrow().snapshot();

            assertThat(check.get().snapshot()).as("what the build published").isEqualTo(built);
            assertThat(seen.getFirst().stage()).isEqualTo(Stage.WAITING);
            assertThat(seen.getFirst().subject()).isEqualTo(Stage.WAITING_FOR_BUILD);
        } finally {
            goOn.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aBuildThatWaitsForAContractRunOfItsProductSaysSo() throws Exception {
        engine.build(KitFixtures.buildOrders(ordersCsv), null);
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        CountDownLatch waitingOrEnded = new CountDownLatch(1);
        List<Progress> seen = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<CheckRun> check = threads.submit(() -> engine.check(CheckRequest.published(ORDERS,
                    KitFixtures.contract(KitFixtures.ORDERS_CONTRACT)), progress -> {
                        if (progress.stage() == Stage.CHECK && checking.getCount() > 0) {
                            checking.countDown();
                            await(goOn, "the test to let the contract run go on");
                        }
                    }));
            await(checking, "the contract run to check");
            Future<BuildResult> build = threads.submit(() -> {
                try {
                    return engine.build(KitFixtures.buildOrders(ordersCsv), progress -> {
                        seen.add(progress);
                        if (progress.stage() == Stage.WAITING) {
                            waitingOrEnded.countDown();
                        }
                    });
                } finally {
                    waitingOrEnded.countDown();
                }
            });
            await(waitingOrEnded, "the build to say it waits (or to fail as busy)");
            goOn.countDown();
            check.get();
            BuildResult result;
            try {
                result = build.get();
            } catch (ExecutionException e) {
                // an engine may fail such a build rather than have it wait; then it has not waited
                assertThat(e.getCause()).isInstanceOf(ConcurrentBuildException.class);
                assertThat(seen).noneMatch(progress -> progress.stage() == Stage.WAITING);
                return;
            }
            assertThat(result.succeeded()).as(describe(result)).isTrue();
            assertThat(seen.getFirst().stage()).isEqualTo(Stage.WAITING);
            assertThat(seen.getFirst().subject()).isEqualTo(Stage.WAITING_FOR_TEST);
            assertThat(seen).hasSizeGreaterThan(1);
            assertThat(seen.get(1).stage()).as("it says when it stopped waiting").isNotEqualTo(Stage.WAITING);
        } finally {
            goOn.countDown();
            threads.shutdownNow();
        }
    }

    /** Waits for {@code latch}, failing (rather than hanging) if what it stands for never happens. */
    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError("waited 5 minutes for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    // --- results as JSON, for the registry

    @Test
    void resultsRoundTripThroughJson() {
        KitFixtures.write(ordersCsv, KitFixtures.badOrders());
        BuildResult result = engine.build(KitFixtures.buildOrders(ordersCsv), null);

        String json = EngineJson.write(result);
        BuildResult read = EngineJson.read(json, BuildResult.class);

        assertThat(read.runId()).isEqualTo(result.runId());
        assertThat(read.port(ORDERS).orElseThrow().checks().results()).hasSameSizeAs(
                result.port(ORDERS).orElseThrow().checks().results());
        assertThat(read.port(ORDERS).orElseThrow().checks().result("status_valid").orElseThrow().threshold())
                .isEqualTo(result.port(ORDERS).orElseThrow().checks().result("status_valid").orElseThrow().threshold());
        assertThat(json).contains("\"outcome\":\"failed\"").doesNotContain("customer_email\":\"");
    }

    /** The failure and the problems of a build, for assertion messages. */
    protected static String describe(BuildResult result) {
        List<String> lines = new ArrayList<>();
        if (result.failure() != null) {
            lines.add(result.failure().toString());
        }
        result.ports().forEach(port -> {
            if (port.checks() != null) {
                port.checks().problems().forEach(problem -> lines.add(problem.ruleId() + ": " + problem.message()));
            }
        });
        lines.addAll(result.warnings());
        return String.join("\n", lines);
    }
}
