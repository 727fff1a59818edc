package io.polder.model.odps;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.odps.OdpsDocuments.Read;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import io.polder.model.write.DocumentWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** read → write → read gives the same product, in YAML and in JSON. */
class OdpsRoundTripTest {

    static List<Path> validDocuments() {
        return Stream.concat(OdpsDocuments.officialExamples().stream(), OdpsDocuments.handMade("valid").stream())
                .toList();
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void yamlRoundTripGivesTheSameProduct(Path file) {
        Read first = OdpsDocuments.read(file);

        Read second = reread(DocumentWriter.toYaml(first.product()), SourceFormat.YAML);

        assertThat(second.errors()).isEmpty();
        assertThat(second.product()).isEqualTo(first.product());
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void jsonRoundTripGivesTheSameProduct(Path file) {
        Read first = OdpsDocuments.read(file);

        Read second = reread(DocumentWriter.toJson(first.product()), SourceFormat.JSON);

        assertThat(second.errors()).isEmpty();
        assertThat(second.product()).isEqualTo(first.product());
    }

    @Test
    void writesFieldsInTheStandardsOrderAndLeavesAbsentOnesOut() {
        DataProduct product = OdpsDocuments.read("""
                status: draft
                id: x
                kind: DataProduct
                apiVersion: v1.0.0
                customProperties: [{value: null, property: nothing}]
                """).product();

        assertThat(DocumentWriter.toYaml(product)).isEqualTo("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: x
                status: draft
                customProperties:
                  - property: nothing
                    value: null
                """);
    }

    @Test
    void writesAV090TeamBackAsAList() {
        DataProduct product = OdpsDocuments.read("""
                apiVersion: v0.9.0
                kind: DataProduct
                id: x
                status: draft
                team: [{username: ada}]
                """).product();

        assertThat(DocumentWriter.toYaml(product)).endsWith("team:\n  - username: ada\n");
    }

    @Test
    void keepsStringsThatLookLikeOtherTypesAsStrings() {
        List<String> tricky = List.of("yes", "no", "on", "off", "true", "null", "~", "1.0", "1e3", "0x1F", "012",
                ".inf", "2023-01-15", "10:30", " leading", "a: b", "#x", "-", "", "'quoted'", "multi\nline");
        StringBuilder yaml = new StringBuilder("apiVersion: v1.0.0\nkind: DataProduct\nid: x\nstatus: draft\ntags:\n");
        tricky.forEach(tag -> yaml.append("  - \"").append(tag.replace("\n", "\\n")).append("\"\n"));
        DataProduct product = OdpsDocuments.read(yaml.toString()).product();

        Read again = reread(DocumentWriter.toYaml(product), SourceFormat.YAML);

        assertThat(product.tags()).isEqualTo(tricky);
        assertThat(again.product()).isEqualTo(product);
    }

    private static Read reread(String text, SourceFormat format) {
        ParsedFile parsed = DocumentReader.withDefaults().read(text, "written", format);
        assertThat(parsed.problems()).as(text).isEmpty();
        return OdpsDocuments.read(parsed.documents().get(0));
    }
}
