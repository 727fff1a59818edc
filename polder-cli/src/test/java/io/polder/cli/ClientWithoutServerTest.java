package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server commands do before, or without, reaching a server. */
class ClientWithoutServerTest {
    @TempDir
    Path dir;

    private String nobody;

    @BeforeEach
    void findAPortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableServerGetsAClearMessage() {
        CliRun run = CliRun.of("get", "products", "--server", nobody, "--token", "pld_x");
        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.err()).contains("cannot reach the Polder server at " + nobody
                + " (is `polder serve` running? set POLDER_SERVER or --server)").doesNotContain("Exception")
                .doesNotContain("pld_x");
    }

    @Test
    void aBrokenFolderIsReportedLocallyAndNothingIsSent() throws IOException {
        Path mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
        Path product = mesh.resolve("sales/sales-orders/product.odps.yaml");
        Files.writeString(product, Files.readString(product).replaceFirst("(?m)^version: 1.2.0$", "version: banana"));
        CliRun run = CliRun.of("plan", mesh.toString(), "--server", nobody);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsPattern(java.util.regex.Pattern.quote(product.toString()) + ":5:10: product version 'banana' is not a semantic version")
                .contains("nothing was sent to the server");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFolderWithoutMeshYamlIsWrongUsage() {
        CliRun run = CliRun.of("apply", dir.toString(), "--server", nobody);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a mesh folder");
        assertThat(CliRun.of("apply", dir.resolve("nope").toString(), "--server", nobody).err()).contains("no such folder");
    }

    @Test
    void aFileIsNotTheMeshFolderWhichIsNamed() throws Exception {
        Path mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
        Path product = mesh.resolve("sales/sales-orders/product.odps.yaml");
        CliRun run = CliRun.of("plan", product.toString(), "--server", nobody);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(product + " is a file; plan and apply take the mesh folder, the one that holds"
                + " mesh.yaml (here probably " + mesh.toAbsolutePath() + ")").doesNotContain("no such folder");
        Path lonely = Files.writeString(dir.resolve("alone.odps.yaml"), "name: x\n");
        CliRun alone = CliRun.of("plan", lonely.toString(), "--server", nobody);
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("is a file; plan and apply take the mesh folder").doesNotContain("probably");
    }

    @Test
    void wrongUsageExitsTwoBeforeAnyRequest() {
        assertThat(CliRun.of("get", "widgets", "--server", nobody).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("get", "domains", "--team", "t", "--server", nobody).err()).contains("--team does not filter domains");
        assertThat(CliRun.of("get", "ports", "p1", "--server", nobody).err()).contains("ports have no id");
        assertThat(CliRun.of("get", "products", "--server", "localhost:8080").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("apply", "x", "--prune", "--product", "p", "--server", nobody).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("lifecycle", "p", "--status", "deprecated", "--sunset", "soon", "--server", nobody).exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("token", "create", "--name", "n", "--role", "consumer", "--days", "0", "--server", nobody)
                .exitCode()).isEqualTo(2);
        assertThat(CliRun.of("token").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("audit", "--since", "yesterday", "--server", nobody).err()).contains("--since takes a time");
    }

    @Test
    void aQueryTimeoutIsADurationOfAtLeastASecond() {
        CliRun notADuration = CliRun.of("query", "SELECT 1", "--timeout", "soon", "--server", nobody);
        assertThat(notADuration.exitCode()).isEqualTo(2);
        assertThat(notADuration.err()).contains("--timeout must be a duration such as 30s, 5m or 1h, found 'soon'");
        CliRun zero = CliRun.of("query", "SELECT 1", "--timeout", "0s", "--server", nobody);
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--timeout must be at least 1s, found '0s'");
        // half a second is rounded up to one: the query is sent (and finds no server)
        CliRun half = CliRun.of("query", "SELECT 1", "--timeout", "500ms", "--server", nobody);
        assertThat(half.exitCode()).isEqualTo(1);
        assertThat(half.err()).contains("cannot reach the Polder server");
    }

    @Test
    void durationsAreMillisecondsSecondsMinutesOrHours() {
        assertThat(DurationConverter.parse("500ms")).contains(java.time.Duration.ofMillis(500));
        assertThat(DurationConverter.parse(" 45 ")).contains(java.time.Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("5m")).contains(java.time.Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("2h")).contains(java.time.Duration.ofHours(2));
        assertThat(DurationConverter.parse("2d")).isEmpty();
        assertThat(DurationConverter.parse("-1s")).isEmpty();
    }

    @Test
    void serveNeverPrintsDatabaseCredentials() {
        assertThat(ServeCommand.withoutCredentials("jdbc:postgresql://polder:s3cret@db.example:5432/polder?password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/polder");
        assertThat(ServeCommand.withoutCredentials("jdbc:postgresql://127.0.0.1:5432/polder"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/polder");
    }

    @Test
    void auditTimesAreInstantsDatesOrTimesAgo() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        assertThat(AuditCommand.instant("--since", "2026-03-01T08:30:00Z", clock)).isEqualTo("2026-03-01T08:30:00Z");
        assertThat(AuditCommand.instant("--since", "2026-03-01", clock)).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(AuditCommand.instant("--since", "24h", clock)).isEqualTo("2026-03-09T12:00:00Z");
        assertThat(AuditCommand.instant("--since", "7d", clock)).isEqualTo("2026-03-03T12:00:00Z");
        assertThat(AuditCommand.instant("--since", "30m", clock)).isEqualTo("2026-03-10T11:30:00Z");
    }

    @Test
    void everyServerCommandTeachesWithExamples() {
        assertThat(CliRun.of("--help").out()).contains("plan", "apply", "get", "token", "lifecycle", "audit");
        assertThat(CliRun.of("plan", "--help").out()).contains("polder plan examples/mesh", "No changes.", "POLDER_SERVER");
        assertThat(CliRun.of("apply", "--help").out()).contains("polder apply examples/mesh --dry-run");
        assertThat(CliRun.of("get", "--help").out()).contains("polder get products --domain sales");
        assertThat(CliRun.of("token", "--help").out()).contains("polder token create --name ci-sales --role domain-owner");
        assertThat(CliRun.of("token", "create", "--help").out()).contains("last line");
        assertThat(CliRun.of("lifecycle", "--help").out()).contains("--status deprecated --sunset 2099-12-31")
                .contains("0 changed, or the product has that status already");
        assertThat(CliRun.of("audit", "--help").out()).contains("polder audit --outcome denied --since 24h");
    }
}
