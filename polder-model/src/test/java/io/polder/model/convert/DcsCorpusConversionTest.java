package io.polder.model.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every DCS example and fixture of the standards folder converts into a valid ODCS v3.1.0 contract. */
class DcsCorpusConversionTest {
    /** Invalid on purpose (no id); its conversion must report that, not crash. */
    private static final String WITHOUT_ID = "lint/invalid_datacontract.yaml";

    static Stream<Path> documents() {
        return Corpus.dataContractSpecifications().stream();
    }

    static Stream<Path> documentsWithAnId() {
        return documents().filter(file -> !file.endsWith(WITHOUT_ID));
    }

    @Test
    void theCorpusHoldsTheExamplesAndFixtures() {
        assertThat(Corpus.dataContractSpecifications()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest
    @MethodSource("documentsWithAnId")
    void convertsIntoValidOdcs(Path file) {
        Converted converted = Converted.of(Corpus.read(file));

        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.DATA_CONTRACT_SPECIFICATION);
        assertThat(converted.errors()).isEmpty();
        assertThat(converted.schemaErrors()).isEmpty();
        assertThat(converted.document()).containsEntry("apiVersion", "v3.1.0").containsEntry("kind", "DataContract");
    }

    @Test
    void aDocumentWithoutIdIsReportedNotCrashedOn() {
        Converted converted = Converted.of(Corpus.read(Corpus.file("datacontract-cli-fixtures/" + WITHOUT_ID)));

        assertThat(converted.errors()).singleElement().asString().contains("missing `id`");
        assertThat(converted.document()).containsEntry("name", "My Data Contract");
    }

    @Test
    void theInvalidClickhouseFixtureGivesWarningsAtItsMistakes() {
        Converted converted = Converted.of(Corpus.read(Corpus.file("datacontract-cli-fixtures/clickhouse/datacontract.yaml")));

        assertThat(converted.schemaErrors()).isEmpty();
        assertThat(converted.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("clickhouse/datacontract.yaml:22:9:").contains("`primaryKey` is an integer, not a boolean"));
        assertThat(converted.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains(":59:15:").contains("`tinyint` is not a Data Contract Specification type"));
        assertThat(converted.at("schema/1/properties/3/logicalType")).isEqualTo("integer");
        assertThat(converted.at("schema/1/properties/3/physicalType")).isEqualTo("tinyint");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyFieldBecomesAProperty(Path file) {
        Converted converted = Converted.of(Corpus.read(file));

        assertThat(propertyCount(converted.document().get("schema")))
                .isEqualTo(fieldCount(((MapNode) converted.source().root()).get("models")));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void typesMapToLogicalTypesAndStayAsPhysicalTypes(Path file) {
        Converted converted = Converted.of(Corpus.read(file));
        if (!(((MapNode) converted.source().root()).get("models") instanceof MapNode models)) {
            return;
        }
        int model = 0;
        for (MapNode.Entry entry : models.entries().values()) {
            assertTopLevelTypes((MapNode) entry.value(), converted, "schema/" + model++);
        }
    }

    private static void assertTopLevelTypes(MapNode model, Converted converted, String path) {
        if (!(model.get("fields") instanceof MapNode fields)) {
            return;
        }
        int index = 0;
        for (MapNode.Entry field : fields.entries().values()) {
            String property = path + "/properties/" + index++;
            assertThat(converted.at(property + "/name")).isEqualTo(field.key());
            if (field.value() instanceof MapNode map && map.get("type") instanceof ScalarNode type
                    && EXPECTED_LOGICAL_TYPES.containsKey(type.value())) {
                assertThat(converted.at(property + "/logicalType")).as(property)
                        .isEqualTo(EXPECTED_LOGICAL_TYPES.get(type.value()));
                assertThat(converted.at(property + "/physicalType")).as(property).isNotNull();
            }
        }
    }

    private static final Map<Object, String> EXPECTED_LOGICAL_TYPES = Map.ofEntries(
            Map.entry("string", "string"), Map.entry("text", "string"), Map.entry("varchar", "string"),
            Map.entry("int", "integer"), Map.entry("integer", "integer"), Map.entry("long", "integer"),
            Map.entry("bigint", "integer"), Map.entry("number", "number"), Map.entry("decimal", "number"),
            Map.entry("numeric", "number"), Map.entry("float", "number"), Map.entry("double", "number"),
            Map.entry("boolean", "boolean"), Map.entry("date", "date"), Map.entry("time", "time"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamp_tz", "timestamp"),
            Map.entry("timestamp_ntz", "timestamp"), Map.entry("array", "array"), Map.entry("object", "object"),
            Map.entry("record", "object"), Map.entry("struct", "object"));

    @ParameterizedTest
    @MethodSource("documents")
    void everyServiceLevelBecomesAnSlaProperty(Path file) {
        Converted converted = Converted.of(Corpus.read(file));
        if (!(((MapNode) converted.source().root()).get("servicelevels") instanceof MapNode levels)) {
            assertThat(converted.document()).doesNotContainKey("slaProperties");
            return;
        }
        List<Object> properties = ((List<?>) converted.document().get("slaProperties")).stream()
                .map(sla -> ((Map<?, ?>) sla).get("property")).map(Object.class::cast).toList();
        assertThat(properties).containsAll(levels.entries().keySet());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void nothingIsDropped(Path file) {
        Converted converted = Converted.of(Corpus.read(file));
        Set<String> written = new HashSet<>();
        collectWritten(converted.document(), written);

        List<String> missing = new ArrayList<>();
        collectMissing(converted.source().root(), written, missing);
        assertThat(missing).as("source values not found in the converted document").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyProblemNamesAPlaceInTheSource(Path file) {
        Converted converted = Converted.of(Corpus.read(file));

        assertThat(converted.problems()).allSatisfy(problem -> {
            Node node = converted.source().nodeAt(problem.pointer());
            assertThat(node.pointer()).as(problem.format()).isEqualTo(problem.pointer());
            assertThat(problem.position().line()).isGreaterThanOrEqualTo(node.position().line() - 1);
        });
    }

    private static int fieldCount(Node fieldsOrModels) {
        int count = 0;
        if (fieldsOrModels instanceof MapNode map) {
            for (MapNode.Entry entry : map.entries().values()) {
                count += countInField(entry.value());
            }
        }
        return count;
    }

    /** A model counts its fields; a field counts itself (when under {@code fields}) and what it nests. */
    private static int countInField(Node node) {
        if (!(node instanceof MapNode map)) {
            return 0;
        }
        int count = 0;
        if (map.get("fields") instanceof MapNode fields) {
            count += fields.entries().size() + fieldCount(fields);
        }
        if (map.get("items") != null) {
            count += countInField(map.get("items"));
        }
        return count;
    }

    private static int propertyCount(Object schemaOrProperties) {
        int count = 0;
        if (schemaOrProperties instanceof List<?> list) {
            for (Object item : list) {
                count += countInProperty(item);
            }
        }
        return count;
    }

    private static int countInProperty(Object element) {
        if (!(element instanceof Map<?, ?> map)) {
            return 0;
        }
        int count = 0;
        if (map.get("properties") instanceof List<?> properties) {
            count += properties.size() + propertyCount(properties);
        }
        if (map.get("items") != null) {
            count += countInProperty(map.get("items"));
        }
        return count;
    }

    /** Every scalar and key written, as text, so that a source value can be looked for. */
    private static void collectWritten(Object value, Set<String> written) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                written.add(String.valueOf(key));
                collectWritten(child, written);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectWritten(item, written));
        } else if (value != null) {
            written.add(String.valueOf(value));
        }
    }

    private static void collectMissing(Node node, Set<String> written, List<String> missing) {
        switch (node) {
            case MapNode map -> map.entries().values().forEach(entry -> collectMissing(entry.value(), written, missing));
            case ListNode list -> list.items().forEach(item -> collectMissing(item, written, missing));
            case ScalarNode scalar -> {
                if (!scalar.isNull() && !isWritten(String.valueOf(scalar.value()), written)
                        && !node.pointer().equals("/dataContractSpecification")) {
                    missing.add(node.pointer() + " = " + scalar.value());
                }
            }
        }
    }

    /** Names the conversion translates into ODCS's spelling. */
    private static final Map<String, String> TRANSLATED = Map.of("SodaCL", "soda");

    /**
     * A value is written when it appears as it is, inside a longer text (a mailto: URL, a query whose
     * placeholders were renamed, a list written as YAML), as the number of an amount ("25h" as 25), or
     * word by word ("5000 USD per month" as a price).
     */
    private static boolean isWritten(String value, Set<String> written) {
        if (written.contains(value) || written.contains(TRANSLATED.get(value))) {
            return true;
        }
        if (Arrays.stream(value.split("\\s+|/")).filter(word -> !word.isBlank() && !word.equals("per"))
                .allMatch(written::contains)) {
            return true;
        }
        String renamed = value.replace("{model}", "{object}").replace("{field}", "{property}");
        if (written.stream().anyMatch(text -> text.contains(renamed))) {
            return true;
        }
        Quantities.Quantity quantity = Quantities.parse(value);
        return quantity != null && written.contains(String.valueOf(quantity.value()));
    }
}
