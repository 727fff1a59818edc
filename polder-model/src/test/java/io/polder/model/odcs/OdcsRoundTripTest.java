package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.model.write.DocumentWriter;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** read → write → read gives an equal contract, and writing keeps a valid contract valid. */
class OdcsRoundTripTest {
    private final OdcsReader reader = new OdcsReader();

    static Stream<String> corpus() {
        return OdcsCorpus.all().stream();
    }

    static Stream<String> examples() {
        return OdcsCorpus.examples().stream();
    }

    /** Every official example is valid by the v3.1 schema (whatever it declares), so it round-trips under those rules. */
    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRoundTripsThroughYamlAndJson(String file) {
        SourceDocument document = OdcsCorpus.document(file);
        assertRoundTrip(file, document, (doc, problems) -> reader.read(doc, problems, OdcsVersion.V3_1));
    }

    /** Every contract valid by its declared version round-trips under its own rules. */
    @ParameterizedTest
    @MethodSource("corpus")
    void everyValidContractRoundTripsByItsDeclaredVersion(String file) {
        SourceDocument document = OdcsCorpus.document(file);
        Problems first = new Problems(file);
        if (reader.read(document, first) == null || first.hasErrors()) {
            return; // invalid contracts keep only what could be read; nothing to compare
        }
        assertRoundTrip(file, document, reader::read);
    }

    private static void assertRoundTrip(String file, SourceDocument document,
                                        BiFunction<SourceDocument, Problems, DataContract> read) {
        Problems problems = new Problems(file);
        DataContract contract = read.apply(document, problems);
        assertThat(problems.hasErrors()).as(file + OdcsCorpus.describe(problems)).isFalse();

        String yaml = DocumentWriter.toYaml(contract);
        assertThat(reread(file, yaml, SourceFormat.YAML, read)).as(file + " via YAML:\n" + yaml).isEqualTo(contract);
        String json = DocumentWriter.toJson(contract);
        assertThat(reread(file, json, SourceFormat.JSON, read)).as(file + " via JSON:\n" + json).isEqualTo(contract);
    }

    private static DataContract reread(String file, String text, SourceFormat format,
                                       BiFunction<SourceDocument, Problems, DataContract> read) {
        ParsedFile parsed = DocumentReader.withDefaults().read(text, file + " (written)", format);
        assertThat(parsed.problems()).isEmpty();
        Problems problems = new Problems(file + " (written)");
        DataContract contract = read.apply(parsed.documents().getFirst(), problems);
        assertThat(problems.hasErrors()).as("written form of " + file + " is valid:" + OdcsCorpus.describe(problems)
                + "\n" + text).isFalse();
        return contract;
    }
}
