package io.polder.bench;

import io.polder.server.PolderServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long the embedded server (a fresh data directory, SQLite) takes to be ready: from
 * {@link PolderServer#start} to the first 200 of {@code GET /api/v1/health}. Measured in this JVM, first
 * thing (cold: every class loaded for the first time, as in {@code polder serve}), then again warm; and, for
 * the figure a user sees, as a child process from its launch (JVM start included) to health 200.
 */
final class Readiness {
    private static final long TIMEOUT_NANOS = 60_000_000_000L;
    private static final String READY_LINE = "Polder server listening on ";

    private Readiness() {
    }

    /** In this JVM: start to health 200, in nanoseconds. */
    static long inProcess() throws Exception {
        Path dataDir = Files.createTempDirectory("polder-bench-ready");
        try {
            // Load the client's HTTP classes first (a probe of a port nobody listens on): the time measured is
            // the server's, not this client's first use.
            new HttpProbe("http://127.0.0.1:1", null).status("/api/v1/health");
            long start = System.nanoTime();
            try (BenchServer server = BenchServer.start(dataDir, null)) {
                awaitHealth(new HttpProbe(server.baseUrl(), null), start);
                return System.nanoTime() - start;
            }
        } finally {
            BenchStore.deleteTree(dataDir);
        }
    }

    /**
     * A child JVM running the server's main class with this JVM's class path: launch to health 200, in
     * nanoseconds.
     */
    static long childProcess() throws Exception {
        Path dataDir = Files.createTempDirectory("polder-bench-ready");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.polder.server.ServerMain",
                "--port", "0", "--data-dir", dataDir.toString()));
        long start = System.nanoTime();
        Process server = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            String url = readyUrl(server);
            awaitHealth(new HttpProbe(url, null), start);
            return System.nanoTime() - start;
        } finally {
            server.toHandle().destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            BenchStore.deleteTree(dataDir);
            Files.deleteIfExists(log);
        }
    }

    private static String readyUrl(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(READY_LINE)) {
                return line.substring(READY_LINE.length()).strip();
            }
        }
        throw new IllegalStateException("the server process ended without saying it was ready");
    }

    private static void awaitHealth(HttpProbe probe, long start) throws InterruptedException {
        while (probe.status("/api/v1/health") != 200) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("the server was not ready within 60 s");
            }
            Thread.sleep(2);
        }
    }
}
