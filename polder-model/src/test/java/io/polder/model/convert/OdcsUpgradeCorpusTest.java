package io.polder.model.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polder.model.source.SourceDocument;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ODCS v3.0.x contract of the standards folder that v3.0.2 accepts becomes one that v3.1.0 accepts. */
class OdcsUpgradeCorpusTest {

    static Stream<Path> v30Contracts() {
        return Corpus.odcs("v3.0.").stream();
    }

    static Stream<Path> v31Contracts() {
        return Corpus.odcs("v3.1.").stream();
    }

    @Test
    void theCorpusHoldsContractsOfBothVersions() {
        assertThat(v30Contracts().filter(OdcsUpgradeCorpusTest::validInV302)).hasSizeGreaterThanOrEqualTo(30);
        assertThat(v31Contracts()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest
    @MethodSource("v30Contracts")
    void aValidV30ContractBecomesAValidV31Contract(Path file) {
        assumeTrue(validInV302(file), "not valid against v3.0.2 to begin with");
        Converted converted = Converted.of(Corpus.read(file));

        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.ODCS_V3_0);
        assertThat(converted.errors()).isEmpty();
        assertThat(converted.schemaErrors()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("v30Contracts")
    void anInvalidV30ContractIsStillUpgradedWithoutCrashing(Path file) {
        Converted converted = Converted.of(Corpus.read(file));

        assertThat(converted.document()).containsEntry("apiVersion", "v3.1.0");
    }

    @ParameterizedTest
    @MethodSource("v30Contracts")
    void everythingElseIsKeptAsItWasAndInOrder(Path file) {
        Converted converted = Converted.of(Corpus.read(file));
        assumeTrue(converted.warnings().stream().noneMatch(warning -> warning.contains("kept as custom property")),
                "some values moved into custom properties");

        Map<String, Object> expected = expectedWithStructuralChanges(converted.source());
        assertThat(converted.document()).isEqualTo(expected);
        assertThat(List.copyOf(converted.document().keySet())).isEqualTo(List.copyOf(expected.keySet()));
    }

    @ParameterizedTest
    @MethodSource("v31Contracts")
    void aV31ContractIsReturnedUnchangedWithANote(Path file) {
        Converted converted = Converted.of(Corpus.read(file));

        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.ODCS_V3_1);
        assertThat(converted.document()).isEqualTo(converted.source().root().toPlain());
        assertThat(converted.warnings()).singleElement().asString().contains("already ODCS v3.1.0");
    }

    /** The source with only the changes a plain contract needs: apiVersion, and team as an object. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> expectedWithStructuralChanges(SourceDocument source) {
        Map<String, Object> expected = new LinkedHashMap<>((Map<String, Object>) source.root().toPlain());
        expected.put("apiVersion", "v3.1.0");
        if (expected.get("team") instanceof List<?> members) {
            expected.put("team", Map.of("members", members));
        }
        return expected;
    }

    private static boolean validInV302(Path file) {
        return OfficialSchema.ODCS_V3_0_2.errors(Corpus.read(file).root().toPlain()).isEmpty();
    }
}
