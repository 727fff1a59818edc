package io.polder.engine.duckdb;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Path;
import java.util.List;

/**
 * A build of kit-orders that writes rows until it is stopped (ten billion of them), for the tests that
 * interrupt, kill or crowd a build. Run as a program, it prints WRITING when the write starts, then builds.
 */
final class SlowBuild {
    static final String SQL = """
            SELECT a.range AS order_id, 'x@example.com' AS customer_email, 'paid' AS status, 1.0 AS amount,
                   DATE '2025-01-01' AS ordered_on
            FROM range(100000) AS a, range(100000) AS b
            """;

    private SlowBuild() {
    }

    static BuildRequest request(Path csv) {
        return BuildRequest.of(KitFixtures.orders(csv, SQL, KitFixtures.ORDERS_CONTRACT), List.of());
    }

    /** {@code SlowBuild DATA_DIRECTORY CSV}: builds until killed. */
    public static void main(String[] args) {
        try (Engine engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(Path.of(args[0])))) {
            engine.build(request(Path.of(args[1])), progress -> {
                if (progress.stage() == Stage.WRITE) {
                    System.out.println("WRITING " + progress.snapshot());
                    System.out.flush();
                }
            });
        }
    }
}
