package io.polder.model.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.model.conformance.Mutations.Kind;
import io.polder.model.conformance.Mutations.Mutation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves the oracle right before anyone relies on it: it must reproduce every verdict the standards folder's README
 * states (made with Python {@code jsonschema} against each standard's current schema), and flip to invalid when a
 * document is broken on purpose.
 */
class OfficialSchemasTest {
    private static final OfficialSchemas ORACLE = OfficialSchemas.shared();

    /**
     * The README's invalid documents (all others are valid), each with words its errors must mention, so that a
     * document is invalid for the stated reason and not by accident.
     */
    private static final Map<String, List<String>> README_INVALID = Map.ofEntries(
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/api.yaml", List.of("/servers/0", "'format'")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/kafka.yaml", List.of("/servers/0", "'topic'")),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/redshift.yaml", List.of("/servers/0", "'port'")),
            Map.entry("datacontract-cli-fixtures/lint/invalid.odcs.yaml", List.of("'status'")),
            Map.entry("datacontract-cli-fixtures/lint/invalid_multiple_errors.odcs.yaml", List.of("'version'", "'status'")),
            Map.entry("datacontract-cli-fixtures/lint/invalid_multiple_schema_errors.odcs.yaml", List.of("/schema/0")),
            Map.entry("datacontract-cli-fixtures/lint/odcs_with_extra_top_level.yaml", List.of("/: property 'change_management'")),
            Map.entry("datacontract-cli-fixtures/schema-evolution/odcs-datacontract-cities-version-2.yaml", List.of("'delimiter'")),
            Map.entry("datacontract-cli-fixtures/postgres/odcs.yaml", List.of("'isNullable'", "'isUnique'")),
            Map.entry("datacontract-cli-fixtures/snowflake/import/datacontract.yaml",
                    List.of("'account'", "'host'", "'port'", "'database'", "'schema'")),
            Map.entry("datacontract-cli-fixtures/clickhouse/datacontract.yaml", List.of("/primaryKey", "/type")),
            Map.entry("datacontract-cli-fixtures/lint/invalid_datacontract.yaml", List.of("'id'")));

    /**
     * Documents whose verdict by their declared version differs from the README's verdict by the current schema,
     * with the declared-version verdict (true = valid). See the {@link OfficialSchemas} class comment.
     */
    private static final Map<String, Boolean> VALID_BY_DECLARED_VERSION_UNLIKE_README = Map.ofEntries(
            // declare v3.0.2 (or nothing newer) but use v3.1.0 features: invalid against the v3.0.2 schema
            Map.entry("odcs/examples/data-types/all-data-types.odcs.yaml", false),
            Map.entry("odcs/examples/quality/column-completeness.odcs.yaml", false),
            Map.entry("odcs/examples/stakeholders/basic-four-dpo.odcs.yaml", false),
            Map.entry("datacontract-cli-fixtures/changelog/integration/changelog_integration_v2.yaml", false),
            Map.entry("datacontract-cli-fixtures/lint/valid.odcs.yaml", false),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/impala.yaml", false),
            // declare v3.0.2, whose server objects are open; v3.1.0 closed them, which is why the README calls them invalid
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/api.yaml", true),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/kafka.yaml", true),
            Map.entry("datacontract-cli-fixtures/quality-sql-dialects/redshift.yaml", true),
            // declares v0.9.0 but uses the v1.0.0 team object and port fields
            Map.entry("odps/examples/customer-data-product.odps.yaml", false));

    static Stream<String> corpus() {
        return StandardsCorpus.all().stream().map(StandardsCorpus::name);
    }

    @Test
    void corpusHoldsEveryDocumentTheReadmeLists() {
        Map<Standard, List<Path>> corpus = StandardsCorpus.byStandard();
        // 18 ODCS examples + 45 ODCS fixtures; 2 ODPS examples; 6 DCS examples + init + 19 DCS fixtures
        assertThat(corpus.get(Standard.ODCS)).hasSize(63);
        assertThat(corpus.get(Standard.ODPS)).hasSize(2);
        assertThat(corpus.get(Standard.DCS)).hasSize(26);
        assertThat(corpus()).containsAll(README_INVALID.keySet()).containsAll(VALID_BY_DECLARED_VERSION_UNLIKE_README.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void currentSchemaGivesTheReadmeVerdict(String name) {
        Map<String, Object> document = Documents.readTree(StandardsCorpus.file(name));
        Standard standard = Standard.detect(document).orElseThrow();

        List<String> errors = ORACLE.errors(standard, standard.currentVersion(), document);

        if (README_INVALID.containsKey(name)) {
            assertThat(String.join("\n", errors)).as("errors of " + name).contains(README_INVALID.get(name));
        } else {
            assertThat(errors).as("errors of " + name).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void declaredVersionAgreesWithTheReadmeExceptForTheVersionSensitiveDocuments(String name) {
        Verdict verdict = ORACLE.verdict(StandardsCorpus.file(name));

        boolean readmeValid = !README_INVALID.containsKey(name);
        assertThat(verdict.valid())
                .as(name + " " + verdict)
                .isEqualTo(VALID_BY_DECLARED_VERSION_UNLIKE_README.getOrDefault(name, readmeValid));
    }

    /** The README: "8 of the 18 fail against v3.0.2". Five declare v3.1.0; three declare v3.0.2 yet use v3.1.0 features. */
    @Test
    void eightOdcsExamplesFailTheV302Schema() {
        Map<String, String> failing = new java.util.TreeMap<>();
        for (var file : StandardsCorpus.documents(Standard.ODCS)) {
            String name = StandardsCorpus.name(file);
            Map<String, Object> document = Documents.readTree(file);
            if (name.startsWith("odcs/examples/") && !ORACLE.errors(Standard.ODCS, "v3.0.2", document).isEmpty()) {
                failing.put(name.substring("odcs/examples/".length()), (String) document.get("apiVersion"));
            }
        }

        assertThat(failing).isEqualTo(Map.of(
                "all/full-example.odcs.yaml", "v3.1.0",
                "quality/column-accuracy.odcs.yaml", "v3.1.0",
                "quality/column-custom.odcs.yaml", "v3.1.0",
                "quality/column-validity.odcs.yaml", "v3.1.0",
                "sla/database-table-sla.odcs.yaml", "v3.1.0",
                "data-types/all-data-types.odcs.yaml", "v3.0.2",
                "quality/column-completeness.odcs.yaml", "v3.0.2",
                "stakeholders/basic-four-dpo.odcs.yaml", "v3.0.2"));
    }

    static Stream<Arguments> odpsExamplesAgainstBothSchemas() {
        return Stream.of(
                Arguments.of("odps/examples/customer-data-product.odps.yaml", "v0.9.0", false),
                Arguments.of("odps/examples/customer-data-product.odps.yaml", "v1.0.0", true),
                Arguments.of("odps/examples/simple-data-product.odps.yaml", "v0.9.0", true),
                Arguments.of("odps/examples/simple-data-product.odps.yaml", "v1.0.0", true));
    }

    /**
     * Both ODPS examples declare v0.9.0. Only the customer example uses the v1.0.0 team object (the simple one has no
     * team at all), and the v0.9.0 schema rejects it for that and for v1.0.0 port fields.
     */
    @ParameterizedTest(name = "{0} against {1}: valid={2}")
    @MethodSource("odpsExamplesAgainstBothSchemas")
    void odpsExamplesAgainstBothSchemas(String name, String schemaVersion, boolean valid) {
        Map<String, Object> document = Documents.readTree(StandardsCorpus.file(name));
        assertThat(document).containsEntry("apiVersion", "v0.9.0");

        List<String> errors = ORACLE.errors(Standard.ODPS, schemaVersion, document);

        assertThat(errors.isEmpty()).as(errors.toString()).isEqualTo(valid);
        if (!valid) {
            assertThat(errors).anySatisfy(error -> assertThat(error).startsWith("/team: object found, array expected"));
        }
    }

    @Test
    void versionsMapToTheirSchemaFiles() {
        assertThat(OfficialSchemas.schemaFile(Standard.ODCS, "v3.1.0")).isEqualTo("odcs/schema/odcs-json-schema-v3.1.0.json");
        for (String v3 : List.of("v3.0.0", "v3.0.1", "v3.0.2")) {
            assertThat(OfficialSchemas.schemaFile(Standard.ODCS, v3)).isEqualTo("odcs/schema/odcs-json-schema-v3.0.2.json");
        }
        assertThat(OfficialSchemas.schemaFile(Standard.ODPS, "v1.0.0")).isEqualTo("odps/schema/odps-json-schema-v1.0.0.json");
        assertThat(OfficialSchemas.schemaFile(Standard.ODPS, "v0.9.0")).isEqualTo("odps/schema/odps-json-schema-v0.9.0.json");
        assertThat(OfficialSchemas.schemaFile(Standard.DCS, "0.9.3"))
                .isEqualTo("datacontract-specification/schema/datacontract.schema.json");
        // no version, or one without a schema of its own: the current schema, whose apiVersion enum then decides
        assertThat(OfficialSchemas.schemaFile(Standard.ODCS, null)).isEqualTo("odcs/schema/odcs-json-schema-v3.1.0.json");
        assertThat(OfficialSchemas.schemaFile(Standard.ODPS, "v9.9.9")).isEqualTo("odps/schema/odps-json-schema-v1.0.0.json");
    }

    @Test
    void anUnknownDeclaredVersionIsJudgedByTheCurrentSchemaAndRejected() {
        Map<String, Object> document = readTree("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml");
        document.put("apiVersion", "v9.9.9");

        Verdict verdict = ORACLE.verdict(Standard.ODCS, document);

        assertThat(verdict.schema()).isEqualTo("odcs/schema/odcs-json-schema-v3.1.0.json");
        assertThat(verdict.errors()).anySatisfy(error -> assertThat(error).startsWith("/apiVersion: "));
    }

    @Test
    void yamlDatesStayStrings() {
        // examples: [2022-10-03, 2025-01-28] would be dates for a YAML 1.1 reader, and the schema wants strings
        Map<String, Object> document = readTree("odcs/examples/fundamentals/table-column-description.odcs.yaml");

        assertThat(Documents.toNode(document).at("/schema/0/properties/0/examples/0").isString()).isTrue();
        assertThat(ORACLE.verdict(Standard.ODCS, document).valid()).isTrue();
    }

    @Test
    void formatIsNotAsserted() {
        // DCS is draft-07, where networknt would assert "format" unless told not to; info.contact.email has format email
        Map<String, Object> document = readTree("datacontract-cli-fixtures/lint/valid_datacontract.yaml");
        Map<String, Object> contact = new java.util.LinkedHashMap<>();
        contact.put("email", "not an email address");
        contact.put("url", "not a uri");
        asMap(document.get("info")).put("contact", contact);

        assertThat(ORACLE.verdict(Standard.DCS, document).errors()).isEmpty();
    }

    @Test
    void everyTreeFlavourGetsTheSameErrors() throws Exception {
        Map<String, Object> document = readTree("datacontract-cli-fixtures/lint/invalid_multiple_errors.odcs.yaml");
        String json = JsonMapper.builder().build().writeValueAsString(document);

        List<String> fromMap = ORACLE.errors(Standard.ODCS, "v3.0.2", document);
        List<String> fromJackson3 = ORACLE.errors(Standard.ODCS, "v3.0.2", JsonMapper.builder().build().readTree(json));
        List<String> fromJackson2 =
                ORACLE.errors(Standard.ODCS, "v3.0.2", new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));

        assertThat(fromMap).containsExactly(
                "/: required property 'version' not found", "/: required property 'status' not found");
        assertThat(fromJackson3).isEqualTo(fromMap);
        assertThat(fromJackson2).isEqualTo(fromMap);
    }

    /** A folder laid out like the standards folder, whose DCS schema refers to a sibling file and to one outside. */
    private static OfficialSchemas oracleWithDcsSchema(Path dir, String reference) throws Exception {
        Path schemaDir = Files.createDirectories(dir.resolve("datacontract-specification/schema"));
        Files.writeString(schemaDir.resolve("datacontract.schema.json"), """
                {"$schema": "http://json-schema.org/draft-07/schema#",
                 "properties": {"id": {"$ref": "%s"}}}
                """.formatted(reference));
        Files.writeString(schemaDir.resolve("definition.schema.json"), """
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}
                """);
        return new OfficialSchemas(dir);
    }

    @Test
    void relativeReferencesResolveInsideTheFolder(@TempDir Path dir) throws Exception {
        OfficialSchemas oracle = oracleWithDcsSchema(dir, "definition.schema.json");

        assertThat(oracle.errors(Standard.DCS, "1.2.1", Map.of("id", "orders"))).isEmpty();
        assertThat(oracle.errors(Standard.DCS, "1.2.1", Map.of("id", 42)))
                .containsExactly("/id: integer found, string expected");
    }

    @Test
    void referencesCannotLeaveTheFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("outside.json"), "{\"type\": \"integer\"}");
        OfficialSchemas oracle = oracleWithDcsSchema(dir.resolve("standards"), "../../../outside.json");

        // IRI resolution stops at the made-up base, so the reference means <standards>/outside.json, which is absent
        assertThatThrownBy(() -> oracle.errors(Standard.DCS, "1.2.1", Map.of("id", 42)))
                .hasStackTraceContaining("https://standards.polder.invalid/outside.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpds/examples/minimal.dpd.json", "odcs/schema/odcs-json-schema-v3.1.0.json"})
    void aFileOfNoKnownStandardIsRefused(String name) {
        assertThatThrownBy(() -> ORACLE.verdict(StandardsCorpus.file(name)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an ODCS, ODPS or DCS document");
    }

    static Stream<Arguments> mutationsThatMustBreak() {
        return Stream.of(
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.DROP_KEY, "/status"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.DROP_KEY, "/apiVersion"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.WRONG_TYPE, "/version"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.WRONG_TYPE, "/tags"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.WRONG_TYPE, "/description"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.BAD_ENUM_VALUE, "/kind"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.UNKNOWN_KEY, "/polderUnknownKey"),
                Arguments.of("odcs/examples/all/full-example.odcs.yaml", Kind.BAD_ENUM_VALUE, "/schema/0/properties/0/logicalType"),
                Arguments.of("odcs/examples/all/full-example.odcs.yaml", Kind.WRONG_TYPE, "/schema/0/properties/0/primaryKey"),
                Arguments.of("odcs/examples/all/full-example.odcs.yaml", Kind.UNKNOWN_KEY,
                        "/schema/0/properties/0/polderUnknownKey"),
                Arguments.of("odps/examples/customer-data-product.odps.yaml", Kind.DROP_KEY, "/id"),
                Arguments.of("odps/examples/customer-data-product.odps.yaml", Kind.BAD_ENUM_VALUE, "/kind"),
                Arguments.of("datacontract-specification/examples/orders-latest/datacontract.yaml", Kind.DROP_KEY, "/info"),
                Arguments.of("datacontract-specification/examples/orders-latest/datacontract.yaml", Kind.BAD_ENUM_VALUE,
                        "/dataContractSpecification"));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("mutationsThatMustBreak")
    void theOracleFlipsToInvalid(String name, Kind kind, String pointer) {
        Map<String, Object> document = readTree(name);
        Standard standard = Standard.detect(document).orElseThrow();
        // the odps example is valid only by the current schema; judge it so, to isolate the mutation's effect
        Verdict before = verdictLikeReadme(standard, document);
        assertThat(before.valid()).as(before.toString()).isTrue();

        Mutation mutation = find(document, kind, pointer);
        Verdict after = verdictLikeReadme(standard, mutation.document());

        assertThat(after.valid()).as(mutation + " -> " + after).isFalse();
    }

    static Stream<Arguments> mutationsThatMustNotBreak() {
        return Stream.of(
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.DROP_KEY, "/description"),
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.BAD_ENUM_VALUE, "/name"),
                // status is a free string in ODCS and ODPS: the schemas list its usual values as examples, not an enum
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.BAD_ENUM_VALUE, "/status"),
                Arguments.of("odps/examples/simple-data-product.odps.yaml", Kind.BAD_ENUM_VALUE, "/status"),
                // ODCS closes most objects, but not description
                Arguments.of("datacontract-cli-fixtures/lint/valid-3.1.0.odcs.yaml", Kind.UNKNOWN_KEY,
                        "/description/polderUnknownKey"),
                Arguments.of("datacontract-specification/examples/orders-latest/datacontract.yaml", Kind.UNKNOWN_KEY,
                        "/polderUnknownKey"));
    }

    /** The oracle is not a rubber stamp for "invalid": harmless edits stay valid. */
    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("mutationsThatMustNotBreak")
    void theOracleStaysValidForHarmlessMutations(String name, Kind kind, String pointer) {
        Map<String, Object> document = readTree(name);
        Standard standard = Standard.detect(document).orElseThrow();

        Mutation mutation = find(document, kind, pointer);

        assertThat(ORACLE.verdict(standard, mutation.document()).valid()).as(mutation.toString()).isTrue();
    }

    @Test
    void theCappedSampleBreaksSomeDocumentsAndNotOthers() {
        Map<String, Object> document = readTree("odcs/examples/all/full-example.odcs.yaml");

        List<Boolean> verdicts = Mutations.of(document).stream()
                .map(mutation -> ORACLE.verdict(Standard.ODCS, mutation.document()).valid())
                .toList();

        assertThat(verdicts).hasSize(Mutations.DEFAULT_CAP).contains(true, false);
    }

    private static Verdict verdictLikeReadme(Standard standard, Map<String, Object> document) {
        List<String> errors = ORACLE.errors(standard, standard.currentVersion(), document);
        return new Verdict(standard, standard.currentVersion(), OfficialSchemas.schemaFile(standard, null), errors);
    }

    private static Mutation find(Map<String, Object> document, Kind kind, String pointer) {
        return Mutations.at(document, kind, pointer)
                .orElseThrow(() -> new AssertionError("no " + kind + " mutation at " + pointer));
    }

    private static Map<String, Object> readTree(String name) {
        return Documents.readTree(StandardsCorpus.file(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return (Map<String, Object>) node;
    }
}
