package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.model.bind.StandardEnum;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The enumerations Polder writes out by hand are those of the official schemas, version by version: server
 * types and their fields, logical types, quality dimensions, metrics and types, apiVersion values.
 */
class OdcsSchemaDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(OdcsVersion.class)
    void serverTypesAndTheirFieldsAreTheSchemas(OdcsVersion version) {
        JsonNode schema = schema(version);
        Map<String, List<ServerField>> official = new LinkedHashMap<>();
        for (JsonNode branch : schema.at("/$defs/Server/allOf")) {
            String type = branch.at("/if/properties/type/const").asText();
            String definition = branch.at("/then/$ref").asText().substring("#/$defs/ServerSource/".length());
            official.put(type, fields(schema.at("/$defs/ServerSource/" + definition)));
        }
        Map<String, List<ServerField>> polder = new LinkedHashMap<>();
        for (ServerType type : ServerType.values()) {
            if (version.isAtLeast(type.introducedIn())) {
                polder.put(type.value(), type.fields(version));
            }
        }

        assertThat(polder).isEqualTo(official);
        assertThat(values(schema.at("/$defs/Server/properties/type/enum"))).containsExactlyInAnyOrderElementsOf(polder.keySet());
    }

    @ParameterizedTest
    @EnumSource(OdcsVersion.class)
    void logicalTypesAreTheSchemas(OdcsVersion version) {
        List<String> polder = Arrays.stream(LogicalType.values())
                .filter(type -> version.isAtLeast(type.introducedIn()))
                .map(LogicalType::value)
                .toList();

        assertThat(polder).containsExactlyElementsOf(values(schema(version).at("/$defs/SchemaBaseProperty/properties/logicalType/enum")));
    }

    @ParameterizedTest
    @EnumSource(OdcsVersion.class)
    void qualityEnumerationsAreTheSchemas(OdcsVersion version) {
        JsonNode quality = schema(version).at("/$defs/DataQuality/properties");

        assertThat(spellings(QualityDimension.class)).containsExactlyElementsOf(values(quality.at("/dimension/enum")));
        assertThat(spellings(QualityType.class)).containsExactlyElementsOf(values(quality.at("/type/enum")));
    }

    @Test
    void metricsAndOperatorsAreThoseOfV31() {
        JsonNode schema = schema(OdcsVersion.V3_1);
        List<String> operators = new ArrayList<>();
        schema.at("/$defs/DataQualityOperators/oneOf").forEach(branch -> operators.add(branch.at("/required/0").asText()));

        assertThat(spellings(LibraryMetric.class))
                .containsExactlyElementsOf(values(schema.at("/$defs/DataQualityLibrary/properties/metric/enum")));
        assertThat(spellings(ComparisonOperator.class)).containsExactlyElementsOf(operators);
    }

    @ParameterizedTest
    @EnumSource(OdcsVersion.class)
    void apiVersionsAreTheSchemas(OdcsVersion version) {
        assertThat(version.schemaApiVersions())
                .containsExactlyElementsOf(values(schema(version).at("/properties/apiVersion/enum")));
        assertThat(version.schemaApiVersions()).containsAll(version.apiVersions());
    }

    private static List<ServerField> fields(JsonNode definition) {
        List<String> required = values(definition.get("required"));
        List<ServerField> fields = new ArrayList<>();
        definition.get("properties").properties().forEach(entry -> {
            JsonNode field = entry.getValue();
            fields.add(new ServerField(entry.getKey(), JsonType.valueOf(field.get("type").asText().toUpperCase()),
                    required.contains(entry.getKey()), field.has("pattern") ? field.get("pattern").asText() : null,
                    values(field.get("enum"))));
        });
        return fields;
    }

    private static <E extends Enum<E> & StandardEnum> List<String> spellings(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(StandardEnum::value).toList();
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static JsonNode schema(OdcsVersion version) {
        try {
            return JSON.readTree(OdcsCorpus.standards()
                    .resolve("odcs/schema/odcs-json-schema-" + version.schemaVersion() + ".json").toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
