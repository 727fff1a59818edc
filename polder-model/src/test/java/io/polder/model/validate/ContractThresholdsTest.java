package io.polder.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.Standard;
import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractThresholdsTest {
    private final Validator validator = new Validator();

    @TempDir
    Path dir;

    @Test
    void aWordAsALibraryThresholdIsAnErrorAtItsLine() {
        Path mesh = ExampleMesh.copyTo(dir.resolve("mesh"));
        Path contract = mesh.resolve("customer/customer-360/contracts/profiles.odcs.yaml");
        ExampleMesh.edit(contract, "metric: duplicateValues\n            mustBe: 0",
                "metric: duplicateValues\n            mustBe: zero");

        List<Problem> errors = errors(validator.validate(mesh, "mesh"));
        assertThat(errors).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("mesh/customer/customer-360/contracts/profiles.odcs.yaml");
            assertThat(problem.position().line()).isEqualTo(49);
            assertThat(problem.position().column()).isEqualTo(21);
            assertThat(problem.pointer()).isEqualTo("/schema/0/properties/0/quality/0/mustBe");
            assertThat(problem.message()).isEqualTo("`mustBe` of a library rule must be a number: the metric"
                    + " `duplicateValues` is a count, compared as a number; found 'zero'");
        });
        assertThat(errors(validator.validate(contract, "profiles.odcs.yaml"))).as("the file alone").hasSize(1);
    }

    @Test
    void everyLibraryRuleShapeIsChecked() throws IOException {
        Path file = dir.resolve("c.odcs.yaml");
        Files.writeString(file, """
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                schema:
                  - name: t
                    quality:
                      - type: library
                        metric: rowCount
                        mustNotBe: null
                    properties:
                      - name: a
                        logicalType: string
                        quality:
                          - metric: nullValues
                            unit: percent
                            mustBe: "0"
                          - type: sql
                            query: select 'x'
                            mustBe: x
                          - type: text
                            description: words only
                """);
        assertThat(errors(validator.validate(file, "c.odcs.yaml"))).extracting(Problem::format).containsExactly(
                "c.odcs.yaml:11:20: `mustNotBe` of a library rule must be a number: the metric `rowCount` is a count,"
                        + " compared as a number; found null (at /schema/0/quality/0/mustNotBe)",
                "c.odcs.yaml:18:21: `mustBe` of a library rule must be a number: the metric `nullValues` is a count"
                        + " (in percent), compared as a number; found '0', a string: write the number without quotes"
                        + " (at /schema/0/properties/0/quality/0/mustBe)");
    }

    @Test
    void aVersion30RuleNameIsALibraryRuleToo() throws IOException {
        Path file = dir.resolve("c.odcs.yaml");
        Files.writeString(file, """
                apiVersion: v3.0.2
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                schema:
                  - name: t
                    quality:
                      - rule: rowCount
                        mustBe: many
                """);
        assertThat(errors(validator.validate(file, "c.odcs.yaml"))).extracting(Problem::pointer)
                .containsExactly("/schema/0/quality/0/mustBe");
    }

    @Test
    void theOfficialExampleContractsStayValid() {
        for (Path example : StandardsCorpus.documents(Standard.ODCS)) {
            assertThat(errors(validator.validate(example, example.toString())))
                    .filteredOn(problem -> problem.message().contains("of a library rule must be a number"))
                    .as(example.toString()).isEmpty();
        }
    }

    private static List<Problem> errors(ValidationReport report) {
        return report.problems().stream().filter(Problem::isError).toList();
    }
}
