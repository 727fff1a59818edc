package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polder.error.ErrorCode;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.testkit.KitFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that fills the disk, on a real full file system: the data directory is a tmpfs of {@value #SIZE}
 * (mounted for the test, so the test needs root and is skipped without it). The build fails saying the disk is
 * full, the published snapshot stays as it was, the failed candidate's files are removed, and the next build
 * succeeds once there is room.
 */
class FullDiskTest {
    private static final String SIZE = "4m";
    /** Rows of about 60 bytes that no compression shrinks, many more than fit. */
    private static final String FILLING_SQL = """
            SELECT range AS order_id, md5(random()::VARCHAR) || '@example.com' AS customer_email, 'paid' AS status,
                   1.0 AS amount, DATE '2025-01-01' AS ordered_on
            FROM range(2000000)
            """;

    @TempDir
    Path temporary;
    private Path data;
    private boolean mounted;
    private Engine engine;

    @BeforeEach
    void mountATinyFileSystem() throws Exception {
        data = Files.createDirectories(temporary.resolve("data"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", data.toString());
        assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (mounted && !run("umount", data.toString())) {
            run("umount", "-l", data.toString());
        }
    }

    @Test
    void aBuildThatFillsTheDiskFailsSayingSoAndThePublishedSnapshotStays() throws Exception {
        Path csv = KitFixtures.write(temporary.resolve("sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        SnapshotId good = engine.build(KitFixtures.buildOrders(csv), null).port(ORDERS).orElseThrow().snapshot();
        Path goodFolder = ((DuckDbEngine) engine).warehouse().snapshotDirectory(ORDERS, good);
        Map<String, String> goodFiles = BadInputTest.fingerprint(goodFolder);

        BuildResult full = engine.build(BuildRequest.of(KitFixtures.orders(csv, FILLING_SQL, KitFixtures.ORDERS_CONTRACT),
                List.of()), null);

        assertThat(full.failure()).isNotNull();
        assertThat(full.failure().code()).as(full.failure().message()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(full.failure().stage()).isEqualTo(Stage.WRITE);
        assertThat(full.failure().message()).startsWith("no space left on device while writing table orders")
                .contains("kit-orders/orders/v1").contains("kit-orders/build/orders.sql");
        assertThat(full.port(ORDERS).orElseThrow().outcome()).isEqualTo(PortOutcome.FAILED);
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(BadInputTest.fingerprint(goodFolder)).isEqualTo(goodFiles);
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
        assertThat(leftovers()).as("the failed candidate's files are gone, and the space with them").isEmpty();

        BuildResult next = engine.build(KitFixtures.buildOrders(csv), null);
        assertThat(next.succeeded()).as(String.valueOf(next.failure())).isTrue();
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> walk = Files.walk(data)) {
            // a partial snapshot, or a file DuckDB spilled; the next run's session, opened ahead, holds an empty folder
            return walk.filter(path -> path.getFileName().toString().endsWith(Warehouse.PARTIAL)
                    || path.startsWith(data.resolve("tmp")) && Files.isRegularFile(path)
                    && !path.getFileName().toString().equals(TemporaryDirectories.LOCK)).toList();
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
