package io.polder.model.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
    private final Validator validator = new Validator();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void folderOfTenThousandFilesGetsACleanResult() throws IOException {
        for (int i = 0; i < 10_000; i++) {
            Path folder = dir.resolve("batch-" + (i / 500));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("c" + i + ".odcs.yaml"), """
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: c%d
                    version: 1.0.0
                    status: active
                    schema:
                      - name: t%d
                        properties:
                          - name: id
                            logicalType: integer
                    """.formatted(i, i));
        }
        Files.writeString(dir.resolve("batch-3/c1700.odcs.yaml"), "apiVersion: v3.1.0\nkind: DataContract\nid: x\n");

        ValidationReport report = validator.validate(dir, "contracts");

        assertThat(report.files()).isEqualTo(10_000);
        assertThat(report.documents()).containsEntry(DocumentKind.CONTRACT, 10_000);
        assertThat(report.problems()).filteredOn(Problem::isError).extracting(Problem::format).containsExactly(
                "contracts/batch-3/c1700.odcs.yaml:1:1: missing required field `version`",
                "contracts/batch-3/c1700.odcs.yaml:1:1: missing required field `status`");
    }

    @Test
    void hiddenFoldersAndOtherFilesAreSkipped() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config.yaml"), "not: a contract\n");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("p.odps.yaml"), "apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: draft\n");
        ValidationReport report = validator.validate(dir, "folder");
        assertThat(report.problems()).isEmpty();
        assertThat(report.files()).isEqualTo(1);
    }

    @Test
    void emptyFolderIsAnErrorThatSaysSo() {
        assertThat(validator.validate(dir, "empty").problems()).extracting(Problem::message)
                .containsExactly("no YAML or JSON files to validate in this folder");
    }

    @Test
    void missingTargetIsAUsageError() {
        assertThatThrownBy(() -> validator.validate(dir.resolve("nope"), "nope"))
                .isInstanceOfSatisfying(PolderException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void documentsOfUnknownKindAreNamed() throws IOException {
        Files.writeString(dir.resolve("x.yaml"), "kind: Pipeline\n---\n- a list\n");
        assertThat(validator.validate(dir.resolve("x.yaml"), "x.yaml").problems()).extracting(Problem::format)
                .containsExactly("x.yaml:1:1: unknown document kind 'Pipeline'; expected `kind: DataContract` (ODCS),"
                                + " `kind: DataProduct` (ODPS), `kind: Mesh` (mesh.yaml) or a `dataContractSpecification` (DCS) document",
                        "x.yaml:3:1: expected an object at the top of the document, found a list");
    }
}
