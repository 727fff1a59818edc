package io.polder.model.odcs;

import io.polder.model.odcs.LogicalTypeOptions.ArrayOptions;
import io.polder.model.odcs.LogicalTypeOptions.NumericOptions;
import io.polder.model.odcs.LogicalTypeOptions.ObjectOptions;
import io.polder.model.odcs.LogicalTypeOptions.OtherOptions;
import io.polder.model.odcs.LogicalTypeOptions.StringOptions;
import io.polder.model.odcs.LogicalTypeOptions.TemporalOptions;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds {@code logicalTypeOptions} by the property's logical type, as the schema's if/then branches do:
 * each logical type closes its options to its own keys. Without a logical type every branch applies at
 * once, and as no key is common to all of them, only an empty object is valid.
 */
final class LogicalTypeOptionsReader {
    private static final List<String> INTEGER_FORMATS =
            List.of("i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128");
    private static final List<String> NUMBER_FORMATS = List.of("f32", "f64");

    /** Which logical types allow each option, for the hint when one appears on another type. */
    private static final Map<String, String> OWNERS = owners();

    private LogicalTypeOptionsReader() {
    }

    static LogicalTypeOptions read(OdcsFields property, LogicalType type, boolean typeDeclared) {
        Node node = property.raw("logicalTypeOptions");
        if (node == null) {
            return null;
        }
        if (!(node instanceof MapNode map)) {
            property.problems().error(node, "`logicalTypeOptions` must be an object, found " + node.kindName());
            return null;
        }
        if (!typeDeclared) {
            for (MapNode.Entry entry : map.entries().values()) {
                property.problems().error(entry.keyPosition(), entry.value().pointer(), "`" + entry.key()
                        + "` needs a logicalType: without one, logicalTypeOptions must be empty");
            }
            return new OtherOptions(map.toPlain());
        }
        if (type == null || type == LogicalType.BOOLEAN) {
            return new OtherOptions(map.toPlain());
        }
        return OdcsFields.bind(node, property.problems(), property.version(), options -> bind(options, type));
    }

    private static LogicalTypeOptions bind(OdcsFields f, LogicalType type) {
        OWNERS.forEach((key, owners) -> f.explain(key, "`" + key + "` is an option of logicalType " + owners
                + ", not of " + type.value()));
        LogicalTypeOptions options = switch (type) {
            case STRING -> new StringOptions(f.integer("minLength", 0), f.integer("maxLength", 0),
                    f.string("pattern"), f.string("format"));
            case DATE, TIMESTAMP, TIME -> temporal(f, type);
            case INTEGER, NUMBER -> numeric(f, type);
            case OBJECT -> new ObjectOptions(f.integer("maxProperties", 0), f.integer("minProperties", 0),
                    requiredNames(f));
            case ARRAY -> new ArrayOptions(f.integer("maxItems", 0), f.integer("minItems", 0), f.bool("uniqueItems"));
            case BOOLEAN -> throw new IllegalArgumentException("boolean options are not typed");
        };
        f.close();
        return options;
    }

    private static TemporalOptions temporal(OdcsFields f, LogicalType type) {
        String format = f.string("format");
        Object exclusiveMaximum = f.isV31() ? f.string("exclusiveMaximum") : f.bool("exclusiveMaximum");
        String maximum = f.string("maximum");
        Object exclusiveMinimum = f.isV31() ? f.string("exclusiveMinimum") : f.bool("exclusiveMinimum");
        String minimum = f.string("minimum");
        Boolean timezone = null;
        String defaultTimezone = null;
        if (type != LogicalType.DATE) {
            timezone = f.bool("timezone");
            defaultTimezone = f.string("defaultTimezone");
        }
        return new TemporalOptions(format, exclusiveMaximum, maximum, exclusiveMinimum, minimum, timezone,
                defaultTimezone);
    }

    private static NumericOptions numeric(OdcsFields f, LogicalType type) {
        Number multipleOf = f.number("multipleOf");
        if (multipleOf != null && multipleOf.doubleValue() <= 0) {
            f.problems().error(f.node().get("multipleOf"), "`multipleOf` must be greater than 0, found " + multipleOf);
        }
        Number maximum = f.number("maximum");
        Object exclusiveMaximum = f.isV31() ? f.number("exclusiveMaximum") : f.bool("exclusiveMaximum");
        Number minimum = f.number("minimum");
        Object exclusiveMinimum = f.isV31() ? f.number("exclusiveMinimum") : f.bool("exclusiveMinimum");
        String format = f.string("format");
        List<String> formats = type == LogicalType.INTEGER ? INTEGER_FORMATS : NUMBER_FORMATS;
        if (format != null && !formats.contains(format)) {
            f.problems().error(f.node().get("format"), "`format` of " + type.value() + " must be one of "
                    + String.join(", ", formats) + "; found '" + format + "'");
        }
        return new NumericOptions(multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum, format);
    }

    /** {@code required}: at least one name, no name twice. */
    private static List<String> requiredNames(OdcsFields f) {
        List<String> names = f.strings("required");
        if (names == null) {
            return null;
        }
        Node node = f.node().get("required");
        if (((ListNode) node).items().isEmpty()) {
            f.problems().error(node, "`required` must name at least one property");
        } else if (new HashSet<>(names).size() < ((ListNode) node).items().size()) {
            f.problems().error(node, "`required` must not name a property twice");
        }
        return names;
    }

    private static Map<String, String> owners() {
        Map<String, Set<String>> owners = new LinkedHashMap<>();
        Map<String, List<String>> keysByType = Map.of(
                "string", List.of("minLength", "maxLength", "pattern", "format"),
                "date/timestamp/time", List.of("format", "exclusiveMaximum", "maximum", "exclusiveMinimum", "minimum"),
                "timestamp/time", List.of("timezone", "defaultTimezone"),
                "integer/number", List.of("multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
                        "format"),
                "object", List.of("maxProperties", "minProperties", "required"),
                "array", List.of("maxItems", "minItems", "uniqueItems"));
        keysByType.forEach((type, keys) -> keys.forEach(key -> owners.computeIfAbsent(key, k -> new java.util.TreeSet<>())
                .add(type)));
        Map<String, String> described = new LinkedHashMap<>();
        owners.forEach((key, types) -> described.put(key, String.join(" or ", types)));
        return Map.copyOf(described);
    }
}
