package io.polder.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.PageRequest;
import io.polder.registry.Registry;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.auth.Principal;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunFilter;
import io.polder.registry.runs.RunFindings;
import io.polder.registry.runs.RunTrigger;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Engines;
import io.polder.spi.lineage.LineageListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler starts the builds polder.yaml asks for: by cron, and after an upstream product published. */
class BuildSchedulerTest {
    @TempDir
    Path data;

    private Registry registry;
    private Engine engine;
    private BuildService builds;
    private BuildScheduler scheduler;

    @BeforeEach
    void start() {
        registry = Registry.open("jdbc:sqlite:" + data.resolve("polder.db"));
        MeshBundle mesh = io.polder.server.MeshesForTests.exampleWithPlatformFiles();
        registry.apply().apply(Principal.platformAdmin("admin"), mesh, ApplyOptions.defaults());
        engine = Engines.create("duckdb", EngineConfig.empty(), EngineContext.of(data));
        builds = new BuildService(registry.runs(), registry.buildDefinitions(), registry.access()::requireInputGrants,
                engine, Executors.newFixedThreadPool(2), Clock.systemUTC(), "test:" + data,
                RunFindings.NONE, LineageListener.NONE);
        scheduler = new BuildScheduler(builds, registry.buildDefinitions(), registry.lineage(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        builds.close();
        engine.close();
        registry.close();
    }

    @Test
    void theCronOfEachProductStartsItsBuild() {
        scheduler.runDue(ZonedDateTime.parse("2026-03-02T04:30:00Z"));
        List<Run> runs = runs();
        assertThat(runs).extracting(Run::productId).containsExactlyInAnyOrder("sales-daily-revenue", "logistics-shipments");
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.trigger()).isEqualTo(RunTrigger.SCHEDULE);
            assertThat(run.requestedBy()).isEqualTo(Principal.SYSTEM.name());
        });
    }

    @Test
    void aPublishBuildsTheProductsDownstreamThatAskForIt() {
        scheduler.upstreamPublished("sales-orders");
        assertThat(runs()).as("no reader of sales-orders asks to be built when it publishes").isEmpty();
        scheduler.upstreamPublished("sales-daily-revenue");
        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.productId()).isEqualTo("finance-revenue-report");
            assertThat(run.trigger()).isEqualTo(RunTrigger.UPSTREAM);
        });
    }

    private List<Run> runs() {
        return registry.runs().list(RunFilter.all(), PageRequest.first()).items();
    }
}
