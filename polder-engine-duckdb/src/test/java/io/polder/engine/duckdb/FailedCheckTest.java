package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.SnapshotState;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.exceptions.PublishRejectedException;
import io.polder.spi.testkit.KitFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A candidate whose contract run threw (an engine error, not a failed rule) is quarantined as abandoned by the
 * build that failed, at once, not only by the next build or the next engine; it is never published, and the last
 * good snapshot stays published.
 */
class FailedCheckTest {
    @TempDir
    Path data;
    private Path csv;
    private Engine engine;
    private SnapshotId good;

    @BeforeEach
    void buildAGoodSnapshot() {
        csv = KitFixtures.write(data.resolve("kit-sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        good = engine.build(KitFixtures.buildOrders(csv), null).port(ORDERS).orElseThrow().snapshot();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aCandidateWhoseCheckThrewIsQuarantinedAsAbandonedByTheFailedBuild() {
        // the contract run has opened its session and not yet read the candidate: its files stop being Parquet
        BuildResult failed = engine.build(KitFixtures.buildOrders(csv), progress -> {
            if (progress.stage() == Stage.CHECK && progress.message().equals("opened a DuckDB session")) {
                spoil(((DuckDbEngine) engine).warehouse().snapshotDirectory(ORDERS, progress.snapshot()));
            }
        });

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.failure().stage()).isEqualTo(Stage.CHECK);
        PortBuild port = failed.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.FAILED);
        assertThat(port.published()).isEqualTo(good);
        SnapshotId candidate = port.snapshot();
        assertThat(candidate).as("the failed port names the candidate it sealed").isNotNull().isNotEqualTo(good);

        SnapshotInfo abandoned = snapshot(candidate);
        assertThat(abandoned.state()).isEqualTo(SnapshotState.QUARANTINED);
        assertThat(abandoned.checkOutcome()).isNull();
        assertThat(abandoned.note()).startsWith("abandoned: build run " + failed.runId()
                        + " failed before the contract check of this candidate was recorded (check: ")
                .endsWith("); it is never published");
        assertThatThrownBy(() -> engine.publish(ORDERS, candidate)).isInstanceOf(PublishRejectedException.class)
                .hasMessageContaining("is quarantined (abandoned: build run " + failed.runId());
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);

        engine.close();
        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        assertThat(snapshot(candidate).note()).as("the recovery of a new engine leaves the note as it was")
                .isEqualTo(abandoned.note());
        BuildResult next = engine.build(KitFixtures.buildOrders(csv), null);
        assertThat(next.succeeded()).as(String.valueOf(next.failure())).isTrue();
        assertThat(snapshot(candidate).state()).isEqualTo(SnapshotState.QUARANTINED);
    }

    @Test
    void theCandidatesOfLaterPortsThatWereNeverCheckedAreAbandonedToo() {
        BuildRequest twoPorts = BuildRequest.of(twoPortOrders(), List.of());
        AtomicBoolean spoiled = new AtomicBoolean();
        // the first port checked is orders, the first declared: its check throws, and daily's never runs
        BuildResult failed = engine.build(twoPorts, progress -> {
            if (progress.stage() == Stage.CHECK && progress.message().equals("opened a DuckDB session")
                    && spoiled.compareAndSet(false, true)) {
                spoil(((DuckDbEngine) engine).warehouse().snapshotDirectory(ORDERS, progress.snapshot()));
            }
        });

        assertThat(failed.failure().stage()).isEqualTo(Stage.CHECK);
        for (PortRef port : List.of(ORDERS, DAILY_OF_ORDERS)) {
            PortBuild built = failed.port(port).orElseThrow();
            assertThat(built.outcome()).as(port.toString()).isEqualTo(PortOutcome.FAILED);
            SnapshotInfo candidate = engine.snapshots(port).stream()
                    .filter(info -> info.id().equals(built.snapshot())).findFirst().orElseThrow();
            assertThat(candidate.state()).as(port.toString()).isEqualTo(SnapshotState.QUARANTINED);
            assertThat(candidate.note()).as(port.toString()).startsWith("abandoned: build run " + failed.runId()
                    + " failed before the contract check of this candidate was recorded");
        }
        assertThat(engine.published(DAILY_OF_ORDERS)).isEmpty();
    }

    @Test
    void aCandidateThatFailedItsRulesIsNotTakenForAbandoned() {
        Path bad = KitFixtures.write(data.resolve("kit-sources/bad-orders.csv"), KitFixtures.badOrders());

        BuildResult quarantined = engine.build(KitFixtures.buildOrders(bad), null);

        PortBuild port = quarantined.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.QUARANTINED);
        assertThat(snapshot(port.snapshot()).note()).startsWith("failed its contract");
    }

    private static final PortRef DAILY_OF_ORDERS = new PortRef("kit-orders", "daily", 1);

    /** kit-orders with a second output port, daily, built from the same source. */
    private ProductDefinition twoPortOrders() {
        ProductDefinition orders = KitFixtures.orders(csv);
        String product = KitFixtures.ORDERS_PRODUCT + """
                  - name: daily
                    version: 1.0.0
                    contractId: kit-orders-daily
                """;
        String contract = KitFixtures.DAILY_CONTRACT.replace("id: kit-daily-daily", "id: kit-orders-daily");
        return new ProductDefinition(KitFixtures.product(product), List.of(orders.contracts().get(0),
                KitFixtures.contract(contract)), List.of(orders.buildFiles().get(0), new BuildFile("daily", """
                SELECT ordered_on, count(*) AS order_count, sum(amount) AS revenue
                FROM source.orders_csv
                GROUP BY ordered_on
                """, "kit-orders/build/daily.sql")), orders.settings());
    }

    private static void spoil(Path snapshot) {
        try (Stream<Path> files = Files.list(snapshot)) {
            List<Path> tables = files.filter(file -> file.getFileName().toString().endsWith(".parquet")).toList();
            assertThat(tables).isNotEmpty();
            for (Path table : tables) {
                Files.writeString(table, "not a Parquet file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SnapshotInfo snapshot(SnapshotId id) {
        Optional<SnapshotInfo> found = engine.snapshots(ORDERS).stream().filter(info -> info.id().equals(id)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no snapshot " + id + " in " + engine.snapshots(ORDERS)));
    }
}
