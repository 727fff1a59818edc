package io.polder.model.dcs;

import io.polder.model.bind.Fields;
import io.polder.model.bind.Hints;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to write instead of a field type DCS does not list. Authors most often write the physical type of their
 * database ("tinyint", "datetime2") or a parameterised type ("array&lt;string&gt;"), where DCS wants a logical type.
 */
final class DcsTypeHints {
    /** Physical types, lower case, and the DCS logical type that holds them. */
    private static final Map<String, String> PHYSICAL = Map.ofEntries(
            Map.entry("tinyint", "int"), Map.entry("smallint", "int"), Map.entry("mediumint", "int"),
            Map.entry("int2", "int"), Map.entry("int4", "int"), Map.entry("int8", "long"),
            Map.entry("int16", "int"), Map.entry("int32", "int"), Map.entry("int64", "long"),
            Map.entry("short", "int"), Map.entry("byte", "int"), Map.entry("real", "float"),
            Map.entry("float32", "float"), Map.entry("float64", "double"), Map.entry("double precision", "double"),
            Map.entry("datetime", "timestamp"), Map.entry("datetime2", "timestamp"),
            Map.entry("timestamptz", "timestamp_tz"), Map.entry("timestamp_ltz", "timestamp_tz"),
            Map.entry("char", "string"), Map.entry("nchar", "string"), Map.entry("nvarchar", "varchar"),
            Map.entry("character varying", "varchar"), Map.entry("uuid", "string"), Map.entry("str", "string"),
            Map.entry("blob", "bytes"), Map.entry("binary", "bytes"), Map.entry("varbinary", "bytes"),
            Map.entry("bytea", "bytes"), Map.entry("jsonb", "json"), Map.entry("list", "array"),
            Map.entry("dict", "map"));

    private DcsTypeHints() {
    }

    /** The problem for a field type DCS does not list: the allowed types, and what to write instead. */
    static String message(String type) {
        String message = Fields.notOneOf("type", type, DcsFieldType.class);
        String hint = hint(type);
        if (hint.isEmpty()) {
            return message;
        }
        // a physical type's own hint beats a near spelling ("int8" is a long, not an int)
        String nearest = "; did you mean `" + Hints.nearest(type, allowed()) + "`?";
        return (message.endsWith(nearest) ? message.substring(0, message.length() - nearest.length()) : message) + hint;
    }

    /** A sentence fragment to append to the "must be one of" message, or "" when none fits. */
    private static String hint(String type) {
        String lower = type.toLowerCase(Locale.ROOT).strip();
        String parameterised = parameterised(lower);
        if (parameterised != null) {
            return parameterised;
        }
        String base = lower.replaceAll("\\s*\\(.*\\)$", "");
        String logical = PHYSICAL.get(base);
        if (logical != null) {
            return "; DCS has no `" + base + "`: write `" + logical + "` (a physical type can be kept in the field's"
                    + " `config`)";
        }
        if (!base.equals(lower) && allowed().contains(base)) {
            return "; write `" + base + "` and give sizes with `precision`, `scale` or `maxLength`";
        }
        return "";
    }

    private static String parameterised(String lower) {
        if (lower.startsWith("array<")) {
            return "; write `type: array` and describe the elements under `items`";
        }
        if (lower.startsWith("map<")) {
            return "; write `type: map` and describe `keys` and `values`";
        }
        if (lower.startsWith("struct<") || lower.startsWith("record<")) {
            return "; write `type: struct` and describe its `fields`";
        }
        return null;
    }

    private static List<String> allowed() {
        return Arrays.stream(DcsFieldType.values()).map(DcsFieldType::value).toList();
    }
}
