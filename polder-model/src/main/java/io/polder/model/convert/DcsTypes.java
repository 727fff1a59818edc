package io.polder.model.convert;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DCS field types as ODCS logical types. The DCS type itself stays the property's physical type, so
 * nothing is lost; types DCS does not define (SQL spellings such as {@code tinyint}) are read leniently.
 */
final class DcsTypes {
    /**
     * An ODCS logical type ({@code null} when ODCS has none, as for bytes, variant, json and null), whether
     * the source spelled a type DCS defines, and for timestamps whether they hold a time zone.
     */
    record Mapping(String logicalType, boolean standard, Boolean timezone) {
    }

    private static final Set<String> DCS_TYPES = Set.of("number", "decimal", "numeric", "int", "integer", "long",
            "bigint", "float", "double", "string", "text", "varchar", "boolean", "timestamp", "timestamp_tz",
            "timestamp_ntz", "date", "time", "array", "map", "object", "record", "struct", "bytes", "variant", "json",
            "null");

    private static final Map<String, String> LOGICAL = Map.ofEntries(
            Map.entry("number", "number"), Map.entry("decimal", "number"), Map.entry("numeric", "number"),
            Map.entry("float", "number"), Map.entry("double", "number"), Map.entry("real", "number"),
            Map.entry("float4", "number"), Map.entry("float8", "number"), Map.entry("double precision", "number"),
            Map.entry("int", "integer"), Map.entry("integer", "integer"), Map.entry("long", "integer"),
            Map.entry("bigint", "integer"), Map.entry("tinyint", "integer"), Map.entry("smallint", "integer"),
            Map.entry("mediumint", "integer"), Map.entry("short", "integer"), Map.entry("byte", "integer"),
            Map.entry("int2", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "integer"),
            Map.entry("string", "string"), Map.entry("text", "string"), Map.entry("varchar", "string"),
            Map.entry("char", "string"), Map.entry("nchar", "string"), Map.entry("nvarchar", "string"),
            Map.entry("uuid", "string"),
            Map.entry("boolean", "boolean"), Map.entry("bool", "boolean"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamp_tz", "timestamp"),
            Map.entry("timestamp_ntz", "timestamp"), Map.entry("timestamptz", "timestamp"),
            Map.entry("datetime", "timestamp"),
            Map.entry("date", "date"), Map.entry("time", "time"),
            Map.entry("array", "array"), Map.entry("list", "array"),
            Map.entry("map", "object"), Map.entry("object", "object"), Map.entry("record", "object"),
            Map.entry("struct", "object"));

    private DcsTypes() {
    }

    static Mapping of(String type) {
        String spelled = type.strip().toLowerCase(Locale.ROOT);
        String base = baseType(spelled);
        return new Mapping(LOGICAL.get(base), DCS_TYPES.contains(type), timezone(base));
    }

    /** {@code varchar(20)} is a varchar, {@code array<string>} an array, {@code struct<...>} a struct. */
    private static String baseType(String spelled) {
        if (spelled.endsWith("[]")) {
            return "array";
        }
        int parameters = indexOfAny(spelled, '(', '<');
        return parameters <= 0 ? spelled : spelled.substring(0, parameters).strip();
    }

    private static int indexOfAny(String text, char... characters) {
        int first = -1;
        for (char character : characters) {
            int index = text.indexOf(character);
            if (index >= 0 && (first < 0 || index < first)) {
                first = index;
            }
        }
        return first;
    }

    private static Boolean timezone(String base) {
        return switch (base) {
            case "timestamp_tz", "timestamptz" -> Boolean.TRUE;
            case "timestamp_ntz" -> Boolean.FALSE;
            default -> null;
        };
    }
}
