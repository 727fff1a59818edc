package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the records the API reads and writes, derived from
 * the records themselves, so that the document says what Jackson really writes. Each record becomes a
 * named component schema; components that may be null say so.
 */
final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final ObjectNode components = NODES.objectNode();
    private final Map<String, Class<?>> named = new HashMap<>();

    JsonSchemas(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** The component schemas registered so far, by name. */
    ObjectNode components() {
        return components;
    }

    /** A reference to the schema of {@code record}; {@code strict} refuses unknown fields (request bodies). */
    ObjectNode reference(Class<?> record, boolean strict) {
        String name = record.getSimpleName();
        Class<?> existing = named.putIfAbsent(name, record);
        if (existing == null) {
            components.set(name, NODES.objectNode());
            components.set(name, recordSchema(record, strict));
        } else if (existing != record) {
            throw new IllegalStateException("two schemas named " + name + ": " + existing + " and " + record);
        }
        return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    private ObjectNode recordSchema(Class<?> record, boolean strict) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record + " is not a record");
        }
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), nullable(component.getType(), schemaOf(component.getGenericType(), strict)));
        }
        if (strict) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    ObjectNode schemaOf(Type type, boolean strict) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0], strict));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode object = NODES.objectNode().put("type", "object");
                object.set("additionalProperties", schemaOf(arguments[1], strict));
                return object;
            }
            throw new IllegalArgumentException("no schema for " + type);
        }
        Class<?> plain = (Class<?>) type;
        if (plain == String.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (plain == int.class || plain == Integer.class || plain == long.class || plain == Long.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (plain == double.class || plain == Double.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (plain == boolean.class || plain == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (plain == Instant.class) {
            return NODES.objectNode().put("type", "string").put("format", "date-time");
        }
        if (plain == LocalDate.class) {
            return NODES.objectNode().put("type", "string").put("format", "date");
        }
        if (plain.isEnum()) {
            return enumSchema(plain);
        }
        if (plain.isRecord()) {
            return reference(plain, strict);
        }
        if (plain == Object.class) {
            return NODES.objectNode();
        }
        throw new IllegalArgumentException("no schema for " + type);
    }

    /** The spellings Jackson writes for the constants (their {@code @JsonValue}). */
    private ObjectNode enumSchema(Class<?> type) {
        ObjectNode schema = NODES.objectNode().put("type", "string");
        ArrayNode values = schema.putArray("enum");
        for (Object constant : type.getEnumConstants()) {
            values.add(mapper.valueToTree(constant).asText());
        }
        return schema;
    }

    /** Record components of object types may be null, and are then written as null. */
    private static JsonNode nullable(Class<?> type, ObjectNode schema) {
        if (type.isPrimitive() || List.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return schema;
        }
        if (schema.has("$ref")) {
            ObjectNode either = NODES.objectNode();
            either.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
            return either;
        }
        String base = schema.path("type").asText();
        if (!base.isEmpty()) {
            ArrayNode types = NODES.arrayNode().add(base).add("null");
            schema.set("type", types);
            if (schema.has("enum")) {
                ((ArrayNode) schema.get("enum")).addNull();
            }
        }
        return schema;
    }
}
