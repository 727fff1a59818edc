package io.polder.model.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.Standard;
import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every DCS document of the standards folder gets the verdict its README states, the invalid ones for the stated reason. */
class DcsStandardsVerdictTest {
    /** The README's invalid DCS documents and the errors that make them so, as Polder words them. */
    private static final Map<String, List<String>> INVALID = Map.of(
            "datacontract-cli-fixtures/lint/invalid_datacontract.yaml", List.of(
                    "1:1: missing required field `id`"),
            "datacontract-cli-fixtures/clickhouse/datacontract.yaml", List.of(
                    "22:21: `primaryKey` must be a boolean (true or false), found an integer"
                            + " (at /models/orders/fields/order_id/primaryKey)",
                    "44:15: " + typeNotListed("array<string>") + "; write `type: array` and describe the elements under"
                            + " `items` (at /models/orders/fields/tags/type)",
                    "59:15: " + typeNotListed("tinyint") + "; DCS has no `tinyint`: write `int` (a physical type can be"
                            + " kept in the field's `config`) (at /models/events/fields/status_code/type)"));

    private static String typeNotListed(String type) {
        return "`type` must be one of number, decimal, numeric, int, integer, long, bigint, float, double, string, text,"
                + " varchar, ... (27 in all); found '" + type + "'";
    }

    static Stream<Path> documents() {
        return StandardsCorpus.documents(Standard.DCS).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void getsTheReadmeVerdict(Path file) {
        String name = StandardsCorpus.name(file);
        ParsedFile parsed = DocumentReader.withDefaults().read(file, name);
        assertThat(parsed.problems()).isEmpty();
        Problems problems = new Problems(name);
        new DcsValidator().validate(parsed.documents().getFirst(), problems);

        List<String> errors = problems.list().stream().filter(Problem::isError)
                .map(problem -> problem.format().substring(name.length() + 1)).toList();
        assertThat(errors).isEqualTo(INVALID.getOrDefault(name, List.of()));
    }
}
