package io.polder.bench;

import io.polder.server.PolderServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How long the embedded server (a fresh data directory, SQLite) takes to be ready: from
 * {@link PolderServer#start} to the first 200 of {@code GET /api/v1/health}. Measured in this JVM, first
 * thing (cold: every class loaded for the first time), then again warm; and, for the figure a user sees,
 * {@code polder serve} through the launcher from its launch (JVM start included) to health 200.
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

    /** One launch of {@code polder serve} as a user runs it: wall time to health 200, and the JVM's CPU time. */
    record Launch(long wallNanos, long cpuNanos) {
    }

    /**
     * {@code polder serve} through the real launcher (JVM start, class loading and the start-up cache included)
     * on a fresh data directory: launch to health 200.
     *
     * @param launcher the {@code polder} script
     * @param startupCache whether the launcher may use (and record) its start-up cache
     */
    static Launch launcher(Path launcher, boolean startupCache) throws Exception {
        Path dataDir = Files.createTempDirectory("polder-bench-ready");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        // any free ports: the Flight SQL endpoint starts as in a user's serve, on a port no other server holds
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--port", "0", "--flight-port", "0",
                "--data-dir", dataDir.toString()).redirectError(log.toFile());
        builder.environment().put("POLDER_STARTUP_CACHE", startupCache ? "1" : "0");
        long start = System.nanoTime();
        Process server = builder.start();
        try {
            String url = readyUrl(server);
            awaitHealth(new HttpProbe(url, null), start);
            long wall = System.nanoTime() - start;
            return new Launch(wall, cpuNanos(server.pid()));
        } finally {
            server.toHandle().descendants().forEach(ProcessHandle::destroy);
            server.toHandle().destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            BenchStore.deleteTree(dataDir);
            Files.deleteIfExists(log);
        }
    }

    /**
     * Makes sure the launcher has its start-up cache: a first server run records it (written in the background
     * once that run stops). Returns false when no cache appeared (a JDK without one, or it is turned off).
     */
    static boolean ensureStartupCache(Path launcher) throws Exception {
        // First let the launcher rebuild the distribution if the sources are newer (which drops the cache).
        Process version = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (version.waitFor() != 0) {
            throw new IllegalStateException(launcher + " --version failed");
        }
        Path dist = launcher.toAbsolutePath().getParent().resolve("polder-cli/target/dist");
        if (hasCache(dist)) {
            return true;
        }
        launcher(launcher, true);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!hasCache(dist) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return hasCache(dist);
    }

    private static boolean hasCache(Path dist) {
        return Files.isRegularFile(dist.resolve("polder.aot")) || Files.isRegularFile(dist.resolve("polder.jsa"));
    }

    /** User plus system CPU time of a process, from /proc (Linux); 0 where that cannot be read. */
    private static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (in parentheses, which may hold spaces): utime is the 12th, stime the 13th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / 100; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
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
