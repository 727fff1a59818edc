package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void exampleMeshIsOk() {
        CliRun run = CliRun.of("validate", CliRun.repo("examples/mesh"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ok: ").contains("8 contracts, 7 products, 1 mesh in 16 files");
    }

    @Test
    void problemsArePrintedAsFileLineColumnAndExitOne() throws IOException {
        Path contract = dir.resolve("orders.odcs.yaml");
        Files.writeString(contract, """
                apiVersion: v3.1.0
                kind: DataContract
                id: orders
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    properties:
                      - name: id
                        isNullable: false
                """);
        CliRun run = CliRun.of("validate", contract.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(contract + ":10:9: unknown field `isNullable`; ODCS v3 renamed this to `required`"
                + " (inverted: isNullable: true is required: false) (at /schema/0/properties/0/isNullable)");
        assertThat(run.out()).contains(": 1 error (1 contract in 1 file)");
    }

    @Test
    void jsonFormatIsMachineReadable() throws IOException {
        Path contract = dir.resolve("bad.odcs.yaml");
        Files.writeString(contract, "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\n");
        CliRun run = CliRun.of("validate", contract.toString(), "--format", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        JsonNode problem = json.get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo(contract.toString());
        assertThat(problem.get("line").asInt()).isEqualTo(1);
        assertThat(problem.get("column").asInt()).isEqualTo(1);
        assertThat(problem.get("pointer").asText()).isEmpty();
        assertThat(problem.get("severity").asText()).isEqualTo("error");
        assertThat(problem.get("message").asText()).isEqualTo("missing required field `status`");
    }

    @Test
    void okJsonForAValidContract() throws IOException {
        CliRun run = CliRun.of("validate", CliRun.standards("odcs/examples/all/full-example.odcs.yaml"), "--format=json");
        assertThat(run.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("documents").get("contract").asInt()).isEqualTo(1);
    }

    @Test
    void wrongUsageExitsTwo() {
        assertThat(CliRun.of("validate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("validate", "--format", "xml", "x").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("validate", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or folder");
    }

    @Test
    void malformedAndBinaryFilesGetAClearProblem() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "kind: DataContract\nschema: [\n");
        Files.write(dir.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        CliRun run = CliRun.of("validate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("broken.yaml:").contains("not valid YAML")
                .contains("image.yaml:1:1: not a text file").doesNotContain("Exception");
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.of("--version").out()).startsWith("polder ");
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("validate").contains("convert").contains("Exit codes");
        assertThat(CliRun.of("validate", "--help").out()).contains("polder validate examples/mesh");
    }
}
