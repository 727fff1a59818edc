package io.polder.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server in a JVM of its own ({@link ServerMain} on the test classpath), as {@code polder serve} runs
 * it: started on a free port, found by the line it prints when ready, stopped with SIGTERM or killed with
 * SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private ServerProcess(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /**
     * Starts a server on {@code dataDir} (and {@code jdbcUrl}, when not null), appending its log to
     * {@code log}; returns once it is ready.
     */
    static ServerProcess start(Path dataDir, String jdbcUrl, Path log, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                "--port", "0", "--data-dir", dataDir.toString()));
        if (jdbcUrl != null) {
            command.addAll(List.of("--db", jdbcUrl));
        }
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServerProcess(process, awaitReady(process, log), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String awaitReady(Process process, Path log) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(ServerMain.READY_LINE)) {
                        drain(out);
                        return line.substring(ServerMain.READY_LINE.length()).strip();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String url = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (url == null) {
                throw new IllegalStateException("the server process ended before it was ready; its log: " + tail(log));
            }
            return url;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server process was not ready in time; its log: " + tail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Keeps reading standard output so that the process never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread drainer = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // nothing to keep
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "server-process-stdout");
        drainer.setDaemon(true);
        drainer.start();
    }

    String baseUrl() {
        return baseUrl;
    }

    ApiClient api() {
        return new ApiClient(baseUrl);
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the shutdown hook stops the server gracefully. Returns the exit code. */
    int stop() {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
