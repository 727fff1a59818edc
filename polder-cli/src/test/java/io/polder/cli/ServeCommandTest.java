package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polder serve} as a real child process: ready line, admin token file, SIGTERM, taken ports. */
class ServeCommandTest {
    private static final String READY = "Polder server listening on ";

    @TempDir
    Path dir;

    @Test
    void servesUntilSigtermAndNeverPrintsTheToken() throws Exception {
        Path dataDir = dir.resolve("data");
        Path serveLog = dir.resolve("serve.log");
        Process serve = polder(serveLog, "serve", "--port", "0", "--flight-port", "0", "--data-dir", dataDir.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            List<String> announced = readUntilReady(out);
            String url = announced.getFirst().substring(READY.length());
            Path tokenFile = dataDir.resolve("admin.token");
            String token = Files.readString(tokenFile).strip();
            assertThat(Files.getPosixFilePermissions(tokenFile))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(String.join("\n", announced)).contains("Admin token: in " + tokenFile).doesNotContain(token)
                    .contains("Arrow Flight SQL: jdbc:arrow-flight-sql://127.0.0.1:");

            assertThat(CliRun.of("get", "domains", "--server", url, "--token", "").exitCode()).isEqualTo(5);
            CliRun domains = CliRun.of("get", "domains", "--server", url, "--token", token);
            assertThat(domains.exitCode()).as(domains.err()).isZero();
            assertThat(domains.out()).isEqualTo("No domains.\n");

            Path secondLog = dir.resolve("second.log");
            Process second = polder(secondLog, "serve", "--port", String.valueOf(URI.create(url).getPort()), "--flight-port", "0",
                    "--data-dir", dir.resolve("other").toString());
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(10);
            assertThat(Files.readString(secondLog)).contains("cannot listen on 127.0.0.1:" + URI.create(url).getPort());

            serve.toHandle().destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(serveLog);
            assertThat(log).contains("Polder server stopped").doesNotContain(token);
            assertThat(serve.exitValue()).isIn(0, 143);
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void queryLimitsOutOfRangeStopServeBeforeItStarts() {
        String dataDir = dir.resolve("never").toString();
        CliRun rowCap = CliRun.of("serve", "--data-dir", dataDir, "--query-row-cap", "2000000");
        assertThat(rowCap.exitCode()).isEqualTo(2);
        assertThat(rowCap.err()).contains("--query-row-cap", "--query-max-row-cap, 1000000", "found 2000000");
        CliRun timeout = CliRun.of("serve", "--data-dir", dataDir, "--query-timeout", "10m");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("--query-timeout", "--query-max-timeout, 5m", "found 10m");
        CliRun concurrency = CliRun.of("serve", "--data-dir", dataDir, "--query-concurrency", "0");
        assertThat(concurrency.exitCode()).isEqualTo(2);
        assertThat(concurrency.err()).contains("--query-concurrency", "between 1 and 256");
        CliRun notADuration = CliRun.of("serve", "--data-dir", dataDir, "--query-max-timeout", "soon");
        assertThat(notADuration.exitCode()).isEqualTo(2);
        assertThat(notADuration.err()).contains("--query-max-timeout", "'soon' is not a duration");
        CliRun silent = CliRun.of("serve", "--data-dir", dataDir, "--heartbeat", "30s", "--silent-after", "45s");
        assertThat(silent.exitCode()).isEqualTo(2);
        assertThat(silent.err()).contains("--silent-after", "--heartbeat, 30s", "found 45s");
        CliRun hammering = CliRun.of("serve", "--data-dir", dataDir, "--heartbeat", "1ms", "--silent-after", "1s");
        assertThat(hammering.exitCode()).isEqualTo(2);
        assertThat(hammering.err()).contains("--heartbeat", "at least 1s", "found 0.001s");
        assertThat(Files.exists(dir.resolve("never"))).as("nothing was started").isFalse();

        CliRun help = CliRun.of("serve", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).as("the help, however it wraps").contains("--query-concurrency=N",
                "--query-row-cap=N", "--query-max-row-cap=N", "--query-timeout=DURATION", "--query-max-timeout=DURATION",
                "(default 10000)", "(default 5m)", "--heartbeat=DURATION", "at least 1s", "--silent-after=DURATION",
                "(default 2m)");
    }

    @Test
    void aServerStartedWithQueryLimitsAppliesThem() throws Exception {
        Path dataDir = dir.resolve("limited");
        Process serve = polder(dir.resolve("limited.log"), "serve", "--port", "0", "--flight-port", "-1", "--data-dir",
                dataDir.toString(), "--query-row-cap", "3", "--query-max-row-cap", "4", "--query-timeout", "2s",
                "--query-max-timeout", "3s", "--query-concurrency", "1");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String url = readUntilReady(out).getFirst().substring(READY.length());
            String token = Files.readString(dataDir.resolve("admin.token")).strip();
            java.net.http.HttpResponse<String> defaults = query(url, token, "{\"sql\":\"SELECT * FROM range(10)\"}");
            assertThat(defaults.statusCode()).as(defaults.body()).isEqualTo(200);
            assertThat(defaults.headers().firstValue("Polder-Row-Cap")).hasValue("3");
            assertThat(defaults.headers().firstValue("Polder-Timeout-Seconds")).hasValue("2");
            assertThat(defaults.body()).contains("\"rowCount\":3", "\"truncated\":true");
            java.net.http.HttpResponse<String> over = query(url, token,
                    "{\"sql\":\"SELECT * FROM range(10)\",\"rowCap\":100}");
            assertThat(over.statusCode()).as("above the maximum: refused, not lowered").isEqualTo(400);
            assertThat(over.body()).contains("rowCap must be at most 4");
            java.net.http.HttpResponse<String> longer = query(url, token,
                    "{\"sql\":\"SELECT * FROM range(10)\",\"timeoutSeconds\":60}");
            assertThat(longer.statusCode()).isEqualTo(400);
            assertThat(longer.body()).contains("timeoutSeconds must be at most 3");
            java.net.http.HttpResponse<String> asked = query(url, token,
                    "{\"sql\":\"SELECT * FROM range(10)\",\"rowCap\":4,\"timeoutSeconds\":3}");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            assertThat(asked.headers().firstValue("Polder-Row-Cap")).hasValue("4");
            assertThat(asked.headers().firstValue("Polder-Timeout-Seconds")).hasValue("3");
            assertThat(asked.body()).contains("\"rowCount\":4");
        } finally {
            serve.toHandle().destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void aTakenFlightSqlPortStopsTheStartBeforeAnythingIsCreatedNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path log = dir.resolve("serve.log");
            Path data = dir.resolve("data");
            Process serve = polder(log, "serve", "--port", "0", "--flight-port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", data.toString());
            try {
                String out = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(serve.exitValue()).as(Files.readString(log)).isEqualTo(10);
                assertThat(out).as("never said it was ready").doesNotContain(READY);
                assertThat(Files.readString(log)).contains(":" + taken.getLocalPort() + ", the Arrow Flight SQL port: it is in use")
                        .contains("--flight-port -1 for none");
                assertThat(data.resolve("polder.db")).as("no registry left behind").doesNotExist();
                assertThat(data.resolve("admin.token")).as("no admin token left behind").doesNotExist();
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    private static java.net.http.HttpResponse<String> query(String url, String token, String body) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(url + "/api/v1/query"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Runs the CLI in a child JVM; its standard error (the server's log) goes to {@code log}, so it never blocks. */
    private Process polder(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", // as ./polder passes it, for Arrow (Flight SQL)
                // a short-lived JVM: C1 alone and the serial collector start the server on about a third less CPU
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
    }

    private static List<String> readUntilReady(BufferedReader out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(READY)) {
                lines.add(line);
                for (int i = 0; i < 4; i++) {
                    lines.add(out.readLine());
                }
                return lines;
            }
        }
        throw new AssertionError("polder serve ended without saying it was ready");
    }
}
