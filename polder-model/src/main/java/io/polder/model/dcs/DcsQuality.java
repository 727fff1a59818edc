package io.polder.model.dcs;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A DCS quality check ({@code $defs/Quality}). The schema states each type's rules as
 * {@code if: {properties: {type: {const: ...}}} then: ...}; such an {@code if} also holds when {@code type} is
 * absent, so a check without a type must satisfy the rules of all four types at once (a description, a query,
 * a metric and an engine). A type that is present but not one of the four satisfies none of them.
 */
final class DcsQuality {
    private static final List<String> SQL_NUMBERS = List.of("mustBe", "mustNotBe", "mustBeGreaterThan",
            "mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo", "mustBeLessThan", "mustBeLessThanOrEqualTo",
            "mustBeLessOrEqualTo");
    private static final List<String> LIBRARY_NUMBERS = List.of("mustBeGreaterThan", "mustBeGreaterOrEqualTo",
            "mustBeLessThan", "mustBeLessOrEqualTo");
    private static final List<String> RANGES = List.of("mustBeBetween", "mustNotBeBetween");

    private DcsQuality() {
    }

    static void check(DcsFields quality) {
        Node typeNode = quality.peek("type");
        DcsQualityType type = quality.choice("type", DcsQualityType.class);
        quality.string("description");
        Set<DcsQualityType> rules = typeNode == null ? EnumSet.allOf(DcsQualityType.class)
                : type == null ? EnumSet.noneOf(DcsQualityType.class) : EnumSet.of(type);
        requireByType(quality, typeNode == null, rules);
        typeFields(quality, rules);
        // every type's fields are defined fields, whichever type this check has, so none gets a typo warning
        quality.allow("query", "dialect", "metric", "rule", "arguments", "engine", "implementation");
        quality.allow(SQL_NUMBERS.toArray(String[]::new));
        quality.allow(RANGES.toArray(String[]::new));
        quality.warnNearMisses();
    }

    private static void requireByType(DcsFields quality, boolean untyped, Set<DcsQualityType> rules) {
        List<String> missing = new ArrayList<>();
        for (DcsQualityType type : rules) {
            String needed = requiredFor(type);
            if (!quality.node().has(needed)) {
                missing.add(needed);
                if (!untyped) {
                    quality.problems().error(quality.node(), "missing required field `" + needed + "` (a `"
                            + type.value() + "` quality check needs it)");
                }
            }
        }
        if (untyped && !missing.isEmpty()) {
            quality.problems().error(quality.node(), "missing `type`: a quality check without one must satisfy the"
                    + " rules of every type (text, library, sql, custom), and this one lacks " + listed(missing)
                    + "; add `type`");
        }
    }

    /** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
    private static String listed(List<String> keys) {
        String last = "`" + keys.getLast() + "`";
        return keys.size() == 1 ? last
                : "`" + String.join("`, `", keys.subList(0, keys.size() - 1)) + "` and " + last;
    }

    private static String requiredFor(DcsQualityType type) {
        return switch (type) {
            case TEXT -> "description";
            case SQL -> "query";
            case LIBRARY -> "metric";
            case CUSTOM -> "engine";
        };
    }

    /** The fields the applicable types define, each checked once even when several types define it. */
    private static void typeFields(DcsFields quality, Set<DcsQualityType> rules) {
        Set<String> numbers = new LinkedHashSet<>();
        if (rules.contains(DcsQualityType.SQL)) {
            quality.strings("query", "dialect");
            numbers.addAll(SQL_NUMBERS);
        }
        if (rules.contains(DcsQualityType.LIBRARY)) {
            quality.strings("metric", "rule");
            arguments(quality);
            numbers.addAll(LIBRARY_NUMBERS);
        }
        if (rules.contains(DcsQualityType.CUSTOM)) {
            quality.string("engine");
            implementation(quality);
        }
        quality.number(numbers.toArray(String[]::new));
        if (rules.contains(DcsQualityType.SQL) || rules.contains(DcsQualityType.LIBRARY)) {
            for (String range : RANGES) {
                // the library type also wants the two bounds to differ
                range(quality, range, rules.contains(DcsQualityType.LIBRARY));
            }
        }
    }

    /** {@code arguments}: an object whose values may be anything but null. */
    private static void arguments(DcsFields quality) {
        Node value = quality.raw("arguments");
        if (value == null) {
            return;
        }
        if (!(value instanceof MapNode arguments)) {
            quality.problems().error(value, "`arguments` must be an object, found " + value.kindName());
            return;
        }
        for (MapNode.Entry entry : arguments.entries().values()) {
            if (entry.value() instanceof ScalarNode scalar && scalar.isNull()) {
                quality.problems().error(entry.value(), "argument `" + entry.key()
                        + "` must be a string, a number, a boolean, a list or an object, found null");
            }
        }
    }

    /** {@code implementation}: an engine's own check, as an object, a list or a string. */
    private static void implementation(DcsFields quality) {
        Node value = quality.raw("implementation");
        if (value != null && !(value instanceof MapNode || value instanceof ListNode
                || value instanceof ScalarNode scalar && scalar.isString())) {
            quality.problems().error(value, "`implementation` must be an object, a list or a string, found "
                    + value.kindName());
        }
    }

    /** A range: exactly two numbers (and, for a library check, two different ones). */
    private static void range(DcsFields quality, String key, boolean distinct) {
        ListNode range = quality.list(key);
        if (range == null) {
            return;
        }
        if (range.items().size() != 2) {
            quality.problems().error(range, "`" + key + "` must hold exactly two numbers, the smaller first; found "
                    + range.items().size() + (range.items().size() == 1 ? " item" : " items"));
        }
        Set<BigDecimal> seen = new HashSet<>();
        for (Node item : range.items()) {
            if (!(item instanceof ScalarNode scalar && scalar.isNumber())) {
                quality.problems().error(item, "each bound in `" + key + "` must be a number, found " + item.kindName());
            } else if (distinct && isFinite(scalar.value()) && !seen.add(numeric(scalar.value()))) {
                quality.problems().error(item, "`" + key + "` holds " + scalar.value() + " twice; its bounds must differ");
            }
        }
    }

    private static boolean isFinite(Object number) {
        return !(number instanceof Double value) || Double.isFinite(value);
    }

    /** A number in a form where 1 and 1.0 are equal, as JSON Schema's uniqueItems compares them. */
    private static BigDecimal numeric(Object number) {
        return new BigDecimal(number.toString()).stripTrailingZeros();
    }
}
