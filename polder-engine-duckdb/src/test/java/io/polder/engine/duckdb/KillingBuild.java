package io.polder.engine.duckdb;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.Stage;
import io.polder.spi.testkit.KitFixtures;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A build of kit-orders whose process kills itself with SIGKILL at a precise point, for the tests of what a
 * killed build leaves: run as a program, {@code KillingBuild DATA_DIRECTORY CSV STAGE} builds until its first
 * progress of STAGE ({@code check}: its candidate is sealed, and its contract run has just opened a session),
 * prints KILLING and the candidate's id, and is killed there, as {@code kill -9} would kill a server.
 */
final class KillingBuild {
    private KillingBuild() {
    }

    public static void main(String[] args) {
        Stage stage = Stage.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        try (Engine engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(Path.of(args[0])))) {
            engine.build(KitFixtures.buildOrders(Path.of(args[1])), progress -> {
                if (progress.stage() == stage) {
                    System.out.println("KILLING " + progress.snapshot());
                    System.out.flush();
                    killThisProcess();
                }
            });
        }
        System.out.println("NOT KILLED");
    }

    private static void killThisProcess() {
        try {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start();
            kill.waitFor();
            Thread.sleep(60_000);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not kill this process", e);
        }
    }
}
