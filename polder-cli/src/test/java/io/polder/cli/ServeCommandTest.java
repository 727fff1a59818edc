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
    void saysItIsReadyThenStopsAsAWholeWhenTheFlightSqlPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path log = dir.resolve("serve.log");
            Process serve = polder(log, "serve", "--port", "0", "--flight-port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dir.resolve("data").toString());
            try {
                // the API answers before the Flight SQL endpoint has started, so the ready line comes first
                String out = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(serve.exitValue()).as(Files.readString(log)).isEqualTo(10);
                assertThat(out).startsWith(READY).doesNotContain("Arrow Flight SQL:");
                assertThat(Files.readString(log)).contains("cannot start the Polder server: the Arrow Flight SQL endpoint"
                        + " could not start").contains("--flight-port").contains("Polder server stopped");
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    /** Runs the CLI in a child JVM; its standard error (the server's log) goes to {@code log}, so it never blocks. */
    private Process polder(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", // as ./polder passes it, for Arrow (Flight SQL)
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
