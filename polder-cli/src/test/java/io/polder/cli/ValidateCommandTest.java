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
        assertThat(run.out()).startsWith("ok: ")
                .contains("8 contracts, 7 products, 1 mesh, 12 policy files, 7 polder.yaml files in 35 files");
    }

    @Test
    void aProductFolderAndAPoliciesFolderOfTheExampleAreOk() {
        CliRun product = CliRun.of("validate", CliRun.repo("examples/mesh/sales/sales-orders"));
        assertThat(product.exitCode()).as(product.out()).isZero();
        assertThat(product.out()).startsWith("ok: ").contains("1 contract, 1 product, 1 polder.yaml file in 3 files");
        CliRun policies = CliRun.of("validate", CliRun.repo("examples/mesh/policies"));
        assertThat(policies.exitCode()).as(policies.out()).isZero();
        assertThat(policies.out()).startsWith("ok: ").contains("10 policy files in 10 files");
        CliRun settings = CliRun.of("validate", CliRun.repo("examples/mesh/sales/sales-orders/polder.yaml"));
        assertThat(settings.exitCode()).as(settings.out()).isZero();
    }

    @Test
    void polderYamlAndPolicyFilesAreCheckedByTheirOwnReadersInAMeshAFolderOrAlone() throws IOException {
        Path mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
        Path settings = mesh.resolve("sales/sales-orders/polder.yaml");
        Files.writeString(settings, Files.readString(settings).replaceFirst("(?m)^schedule:", "shedule:"));
        Path policy = mesh.resolve("policies/ownership.yaml");
        Files.writeString(policy, Files.readString(policy).replaceFirst("rule: ", "rule: nosuchvar || "));
        String settingsProblem = ":4:1: unknown field `shedule`; did you mean `schedule`? (at /shedule)";
        String policyProblem = ":10:7: policy product-has-owner: `rule` unknown variable `nosuchvar`";

        CliRun whole = CliRun.of("validate", mesh.toString());
        assertThat(whole.exitCode()).isEqualTo(1);
        assertThat(whole.out()).contains(settings + settingsProblem).contains(policy + policyProblem)
                .contains(mesh + ": 2 errors (");

        CliRun folder = CliRun.of("validate", settings.getParent().toString());
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.out()).contains(settings + settingsProblem).doesNotContain("unknown document kind")
                .contains(": 1 error (1 contract, 1 product, 1 polder.yaml file in 3 files)");

        CliRun alone = CliRun.of("validate", policy.toString(), "--format", "json");
        assertThat(alone.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(alone.out());
        assertThat(json.get("documents").get("policy_file").asInt()).isEqualTo(1);
        assertThat(json.get("problems").get(0).get("line").asInt()).isEqualTo(10);
    }

    @Test
    void autoApprovalsAreCheckedAgainstTheProductAndMeshYamlAsPlanChecksThem() throws IOException {
        Path mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
        Path settings = mesh.resolve("sales/sales-orders/polder.yaml");
        Files.writeString(settings, Files.readString(settings).replace("    - port: orders\n      productConsumers: true",
                "    - port: ordrs\n      teams: [finance-controling-team]\n      productConsumers: true"));

        CliRun run = CliRun.of("validate", mesh.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(settings + ":27:13: `ordrs` is not an output port of this product; its output"
                        + " ports: orders; did you mean `orders`? (at /access/autoApprove/0/port)")
                .contains(settings + ":28:15: team `finance-controling-team` (auto-approved for port ordrs) is not"
                        + " declared in mesh.yaml; did you mean `finance-controlling-team`? (at /access/autoApprove/0/teams/0)")
                .contains(mesh + ": 2 errors (");
    }

    @Test
    void aDocumentOfNoKnownKindIsStillAnError() throws IOException {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "apiVersion: polder/v1\nkind: Pipeline\n");
        CliRun run = CliRun.of("validate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("other.yaml:1:1: unknown document kind 'Pipeline'");
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
