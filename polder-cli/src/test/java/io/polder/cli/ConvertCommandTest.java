package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.odcs.OdcsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void convertsDcsToValidOdcsOnStandardOutput() {
        CliRun run = CliRun.of("convert", "--to", "odcs-v3.1.0",
                CliRun.standards("datacontract-specification/examples/orders-latest/datacontract.yaml"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("apiVersion: v3.1.0\nkind: DataContract\n");
        assertThat(run.err()).contains("warning:");
        assertValidOdcs(run.out());
    }

    @Test
    void upgradesOdcs30IntoAFile() throws IOException {
        Path output = dir.resolve("upgraded.odcs.yaml");
        CliRun run = CliRun.of("convert", "--to", "odcs-v3.1.0", "-o", output.toString(),
                CliRun.standards("datacontract-cli-fixtures/lint/valid.odcs.yaml"));
        assertThat(run.exitCode()).isZero();
        String written = Files.readString(output);
        assertThat(written).contains("apiVersion: v3.1.0");
        assertValidOdcs(written);
    }

    @Test
    void invalidInputWritesNothingAndExitsOne() throws IOException {
        Path output = dir.resolve("out.yaml");
        CliRun run = CliRun.of("convert", "--to", "odcs-v3.1.0", "-o", output.toString(),
                CliRun.standards("datacontract-cli-fixtures/lint/invalid_datacontract.yaml"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not converted");
        assertThat(output).doesNotExist();
    }

    @Test
    void aFileThatIsNotThereIsAUsageErrorAsInValidate() {
        CliRun missing = CliRun.of("convert", "--to", "odcs-v3.1.0", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("polder: no such file: " + dir.resolve("nope.yaml") + "\n");
        CliRun folder = CliRun.of("convert", "--to", "odcs-v3.1.0", dir.toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder; convert takes one contract file");
    }

    @Test
    void unknownTargetIsAUsageError() {
        CliRun run = CliRun.of("convert", "--to", "odcs-v4", CliRun.standards("odcs/examples/all/full-example.odcs.yaml"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown conversion target 'odcs-v4'; expected one of: odcs-v3.1.0");
    }

    private static void assertValidOdcs(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "converted.yaml", io.polder.model.source.SourceFormat.YAML);
        Problems problems = new Problems("converted.yaml");
        new OdcsReader().read(parsed.documents().getFirst(), problems);
        assertThat(problems.list()).filteredOn(io.polder.model.problem.Problem::isError).isEmpty();
    }
}
