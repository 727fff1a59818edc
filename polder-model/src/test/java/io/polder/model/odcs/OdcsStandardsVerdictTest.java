package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.SourceDocument;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ODCS document of the standards folder gets the verdict its README states, for the stated reason.
 *
 * <p>The README judges every file by the v3.1.0 schema. Polder judges a contract by the version it declares,
 * which differs for some v3.0.x contracts: those using v3.1 features (timestamps, the team object, metric)
 * are invalid by their own version, and those whose servers carry extra fields are valid by it (the v3.0.2
 * schema leaves servers open). Both verdicts are checked here; the second table lists the differences.
 */
class OdcsStandardsVerdictTest {
    /** The README's invalid files and the reason it gives (a fragment of Polder's message); all others are valid. */
    private static final Map<String, List<String>> INVALID_BY_V31 = Map.ofEntries(
            Map.entry("datacontract-cli-fixtures/lint/invalid.odcs.yaml", List.of("missing required field `status`")),
            Map.entry("datacontract-cli-fixtures/lint/invalid_multiple_errors.odcs.yaml",
                    List.of("missing required field `version`", "missing required field `status`")),
            Map.entry("datacontract-cli-fixtures/lint/invalid_multiple_schema_errors.odcs.yaml",
                    List.of("`description` must be a string, found null")),
            Map.entry("datacontract-cli-fixtures/lint/odcs_with_extra_top_level.yaml",
                    List.of("unknown field `change_management`")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/api.yaml", List.of("unknown field `format`")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/kafka.yaml", List.of("unknown field `topic`")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/redshift.yaml", List.of("unknown field `port`")),
            Map.entry("datacontract-cli-fixtures/schema-evolution/odcs-datacontract-cities-version-2.yaml",
                    List.of("unknown field `delimiter`")),
            Map.entry("datacontract-cli-fixtures/postgres/odcs.yaml",
                    List.of("unknown field `isNullable`", "unknown field `isUnique`")),
            // the README also names host, port, database and schema as extra: a validator that drops the
            // annotations of a failed branch reports them, but they are snowflake fields
            Map.entry("datacontract-cli-fixtures/snowflake/import/datacontract.yaml",
                    List.of("missing required field `account`")));

    /** Where the declared version's verdict differs from the README's: file → invalid reason, or empty = valid. */
    private static final Map<String, List<String>> DECLARED_DIFFERS = Map.ofEntries(
            Map.entry("odcs/examples/data-types/all-data-types.odcs.yaml",
                    List.of("`timestamp` is new in ODCS v3.1.0", "`time` is new in ODCS v3.1.0",
                            "`exclusiveMinimum` must be a boolean", "`exclusiveMaximum` must be a boolean")),
            Map.entry("odcs/examples/quality/column-completeness.odcs.yaml", List.of("missing required field `rule`")),
            Map.entry("odcs/examples/stakeholders/basic-four-dpo.odcs.yaml",
                    List.of("`team` must be a list of members in ODCS v3.0.x")),
            Map.entry("datacontract-cli-fixtures/lint/valid.odcs.yaml",
                    List.of("`team` must be a list of members in ODCS v3.0.x")),
            Map.entry("datacontract-cli-fixtures/changelog/integration/changelog_integration_v2.yaml",
                    List.of("`timestamp` is new in ODCS v3.1.0")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/impala.yaml",
                    List.of("`impala` is new in ODCS v3.1.0")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/api.yaml", List.of()),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/kafka.yaml", List.of()),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/redshift.yaml", List.of()));

    private final OdcsReader reader = new OdcsReader();

    static Stream<String> corpus() {
        return OdcsCorpus.all().stream();
    }

    @Test
    void corpusHoldsEveryOdcsDocumentTheReadmeLists() {
        assertThat(OdcsCorpus.examples()).hasSize(18);
        assertThat(OdcsCorpus.fixtures()).hasSize(45);
        assertThat(OdcsCorpus.all()).containsAll(INVALID_BY_V31.keySet()).containsAll(DECLARED_DIFFERS.keySet());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void verdictByTheV31SchemaIsTheReadmes(String file) {
        Problems problems = new Problems(file);
        reader.read(OdcsCorpus.document(file), problems, OdcsVersion.V3_1);
        assertVerdict(file, problems, INVALID_BY_V31.get(file));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void verdictByTheDeclaredVersion(String file) {
        Problems problems = new Problems(file);
        SourceDocument document = OdcsCorpus.document(file);
        reader.read(document, problems);
        List<String> expected = DECLARED_DIFFERS.containsKey(file) ? DECLARED_DIFFERS.get(file) : INVALID_BY_V31.get(file);
        assertVerdict(file, problems, expected == null || expected.isEmpty() ? null : expected);
    }

    private static void assertVerdict(String file, Problems problems, List<String> reasons) {
        if (reasons == null) {
            assertThat(problems.hasErrors()).as(file + " should be valid:" + OdcsCorpus.describe(problems)).isFalse();
            return;
        }
        assertThat(problems.hasErrors()).as(file + " should be invalid").isTrue();
        List<String> messages = problems.list().stream().filter(Problem::isError).map(Problem::message).toList();
        for (String reason : reasons) {
            assertThat(messages).as(file + ":" + OdcsCorpus.describe(problems)).anyMatch(m -> m.contains(reason));
        }
    }
}
