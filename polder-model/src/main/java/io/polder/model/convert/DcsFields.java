package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DCS fields as ODCS properties: the type becomes logical and physical type, constraints become the
 * logical type options ODCS defines for that logical type, {@code enum} an {@code invalidValues} quality
 * rule, {@code references} a foreign-key relationship, nested {@code fields} and {@code items} nested
 * properties. Whatever has no such place is kept as the property's custom properties.
 */
final class DcsFields {
    // ODCS v3.1.0's shorthand reference: object.property, each an identifier.
    private static final Pattern SHORTHAND_REFERENCE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$");
    private static final List<String> STRING_OPTIONS = List.of("minLength", "maxLength", "pattern", "format");
    private static final List<String> NUMBER_OPTIONS = List.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum");
    private static final Set<String> NUMERIC_TYPES = Set.of("integer", "number");

    private final ConversionLog log;
    private final DcsDefinitions definitions;
    private final List<String> serverTypes;
    private final QualityRules quality;

    /** @param serverTypes the contract's server types, to pick the physical type from a field's config */
    DcsFields(ConversionLog log, DcsDefinitions definitions, List<String> serverTypes) {
        this.log = requireNonNull(log, "log is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.serverTypes = List.copyOf(serverTypes);
        this.quality = new QualityRules(QualityRules.Origin.DATA_CONTRACT_SPECIFICATION, log);
    }

    /** The property for field {@code name} ({@code null} for array items), with its primary key position if any. */
    Map<String, Object> property(String name, Node node, Integer primaryKeyPosition) {
        MapNode resolved = node instanceof MapNode map ? definitions.resolve(map) : null;
        SourceObject field = SourceObject.of(resolved != null ? resolved : node, log);
        Map<String, Object> property = Plain.map();
        Plain.put(property, "name", name);
        Plain.put(property, "businessName", field.text("title"));
        Plain.put(property, "description", field.text("description"));
        String logicalType = types(field, property);
        keys(field, property, primaryKeyPosition);
        Plain.put(property, "examples", examples(field));
        Plain.put(property, "tags", field.texts("tags"));
        Plain.put(property, "relationships", relationships(field));
        Plain.put(property, "properties", nested(field, logicalType));
        Plain.put(property, "items", items(field, logicalType));
        putQuality(field, property, quality);
        enumRule(field, property);
        Plain.put(property, "authoritativeDefinitions", links(field));
        if (resolved != null && resolved != node) {
            // Inlined: the reference still says where the property's definition came from.
            Plain.addCustomProperties(property, List.of(Plain.customProperty(DcsDefinitions.REFERENCE,
                    ((MapNode) node).get(DcsDefinitions.REFERENCE).toPlain())));
        }
        Plain.addCustomProperties(property, field.leftovers(""));
        return property;
    }

    /** Logical type (with its options) and physical type; returns the logical type. */
    private String types(SourceObject field, Map<String, Object> property) {
        String type = field.text("type");
        DcsTypes.Mapping mapping = type == null ? null : DcsTypes.of(type);
        String logicalType = mapping == null ? (field.has("fields") ? "object" : null) : mapping.logicalType();
        if (mapping != null && !mapping.standard()) {
            log.warning(field.node().get("type"), "`" + type + "` is not a Data Contract Specification type; "
                    + (logicalType == null ? "it has no ODCS logical type" : "read as logical type " + logicalType)
                    + " and kept as the physical type");
        }
        Plain.put(property, "logicalType", logicalType);
        Plain.put(property, "logicalTypeOptions", logicalTypeOptions(field, logicalType, mapping));
        Plain.put(property, "physicalType", physicalType(field.node().get("config"), type));
        return logicalType;
    }

    /** The options ODCS defines for {@code logicalType}; constraints it has no option for stay custom. */
    private Map<String, Object> logicalTypeOptions(SourceObject field, String logicalType, DcsTypes.Mapping mapping) {
        Map<String, Object> options = Plain.map();
        for (String key : STRING_OPTIONS) {
            if (field.has(key) && "string".equals(logicalType)) {
                Plain.put(options, key, key.endsWith("Length") ? field.integer(key) : field.text(key));
            } else if (field.has(key)) {
                field.leave(key, noOption(key, logicalType));
            }
        }
        for (String key : NUMBER_OPTIONS) {
            if (field.has(key) && NUMERIC_TYPES.contains(logicalType)) {
                Plain.put(options, key, field.number(key));
            } else if (field.has(key)) {
                field.leave(key, noOption(key, logicalType));
            }
        }
        if (mapping != null && mapping.timezone() != null) {
            options.put("timezone", mapping.timezone());
        }
        return options.isEmpty() ? null : options;
    }

    private static String noOption(String key, String logicalType) {
        return logicalType == null ? "`" + key + "` needs an ODCS logical type, which this field has none of"
                : "ODCS has no `" + key + "` option for logical type " + logicalType;
    }

    /**
     * The physical type: the field's config names it for a server type of this contract (as
     * {@code snowflakeType}, {@code postgresType} ...), else the DCS type itself.
     */
    private String physicalType(Node config, String type) {
        if (config instanceof MapNode map) {
            for (String key : physicalTypeKeys()) {
                if (map.get(key) instanceof ScalarNode scalar && scalar.value() instanceof String physical) {
                    return physical;
                }
            }
        }
        return type;
    }

    private List<String> physicalTypeKeys() {
        List<String> keys = new ArrayList<>();
        keys.add("physicalType");
        serverTypes.forEach(serverType -> keys.add(serverType + "Type"));
        return keys;
    }

    private static void keys(SourceObject field, Map<String, Object> property, Integer primaryKeyPosition) {
        Plain.put(property, "required", field.has("required") ? field.bool("required") : null);
        Plain.put(property, "unique", field.has("unique") ? field.bool("unique") : null);
        Boolean primaryKey = field.has("primaryKey") ? field.bool("primaryKey")
                : field.has("primary") ? field.bool("primary") : null;
        if (primaryKeyPosition != null) {
            primaryKey = Boolean.TRUE;
        }
        Plain.put(property, "primaryKey", primaryKey);
        Plain.put(property, "primaryKeyPosition", primaryKeyPosition == null ? null : (long) primaryKeyPosition);
        Plain.put(property, "classification", field.text("classification"));
    }

    /** {@code examples}, or the deprecated single {@code example} as a list of one. */
    private static List<Object> examples(SourceObject field) {
        if (field.node().get("examples") instanceof ListNode list) {
            field.place("examples");
            List<Object> examples = new ArrayList<>();
            list.items().forEach(item -> examples.add(item.toPlain()));
            return examples;
        }
        if (!field.has("examples") && field.node().get("example") instanceof ScalarNode example && !example.isNull()) {
            field.place("example");
            return List.of(example.toPlain());
        }
        return null;
    }

    private static List<Object> relationships(SourceObject field) {
        String reference = field.text("references");
        if (reference == null) {
            return null;
        }
        if (!SHORTHAND_REFERENCE.matcher(reference).find()) {
            field.leave("references", "ODCS references a property as object.property (identifiers only), which `"
                    + reference + "` is not");
            return null;
        }
        Map<String, Object> relationship = Plain.map();
        relationship.put("type", "foreignKey");
        relationship.put("to", reference);
        return List.of(relationship);
    }

    private List<Map<String, Object>> nested(SourceObject field, String logicalType) {
        if (!(field.node().get("fields") instanceof MapNode byName)) {
            return null;
        }
        if (!"object".equals(logicalType)) {
            field.leave("fields", "ODCS nests properties only in a property of logical type object");
            return null;
        }
        field.place("fields");
        List<Map<String, Object>> properties = new ArrayList<>();
        byName.entries().forEach((name, entry) -> properties.add(property(name, entry.value(), null)));
        return properties;
    }

    private Map<String, Object> items(SourceObject field, String logicalType) {
        Node items = field.node().get("items");
        if (items == null) {
            return null;
        }
        if (!"array".equals(logicalType)) {
            field.leave("items", "ODCS has items only in a property of logical type array");
            return null;
        }
        field.place("items");
        return property(null, items, null);
    }

    /** A DCS enum is what ODCS checks with an invalidValues rule: no value outside the valid ones. */
    private static void enumRule(SourceObject field, Map<String, Object> property) {
        List<String> values = field.texts("enum");
        if (values == null) {
            return;
        }
        Map<String, Object> rule = Plain.map();
        rule.put("type", "library");
        rule.put("metric", "invalidValues");
        rule.put("arguments", Map.of("validValues", values));
        rule.put("mustBe", 0L);
        @SuppressWarnings("unchecked")
        List<Object> rules = (List<Object>) property.computeIfAbsent("quality", key -> new ArrayList<>());
        rules.add(rule);
    }

    /** The quality rules of a model or field; a {@code quality} that is not a list stays custom. */
    static void putQuality(SourceObject source, Map<String, Object> target, QualityRules quality) {
        Node node = source.take("quality");
        if (node == null) {
            return;
        }
        List<Map<String, Object>> rules = quality.list(node);
        if (rules == null) {
            source.leave("quality", "`quality` is not a list of rules");
            return;
        }
        target.put("quality", new ArrayList<Object>(rules));
    }

    /** DCS links (name to URL) as authoritative definitions of that type. */
    static List<Object> links(SourceObject source) {
        if (!(source.node().get("links") instanceof MapNode links)) {
            return null;
        }
        List<Object> definitions = new ArrayList<>();
        for (MapNode.Entry link : links.entries().values()) {
            if (!(link.value() instanceof ScalarNode url && url.isString())) {
                return null; // not a map of URLs: kept whole as a custom property
            }
            Map<String, Object> definition = Plain.map();
            definition.put("type", link.key());
            definition.put("url", url.value());
            definitions.add(definition);
        }
        source.place("links");
        return definitions;
    }
}
