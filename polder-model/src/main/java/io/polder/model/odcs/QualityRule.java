package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.polder.model.bind.Copies;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ODCS data quality rule, on a schema object or a property. The fields are the standard's, flat as it
 * writes them; {@link #check()} gives the typed view by kind (text, library, sql, custom).
 *
 * <p>Which fields a rule needs depends on its kind, and the versions differ: in v3.1 a rule with
 * {@code type: library} or a {@code metric} needs a metric and exactly one operator, a sql rule a query
 * and exactly one operator, a custom rule an engine and an implementation; in v3.0 a rule without a type
 * is a library rule and needs a {@code rule} name, operators are optional, and rules may carry other
 * fields, which are kept in {@code extra}.
 *
 * @param comparisons the operators and their operands, in document order (v3.1 allows exactly one, and only
 *                    on library and sql rules); written as the operator keys
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record QualityRule(String id, String name, String description, QualityType type, QualityDimension dimension,
                          String method, LibraryMetric metric, String rule, Map<String, Object> arguments,
                          String unit, String query, String engine, Object implementation, String severity,
                          String businessImpact, String scheduler, String schedule, List<String> tags,
                          List<AuthoritativeDefinition> authoritativeDefinitions,
                          List<CustomProperty> customProperties, @JsonIgnore List<Comparison> comparisons,
                          @JsonIgnore Map<String, Object> extra) {
    private static final Set<String> OPERATOR_KEYS =
            Arrays.stream(ComparisonOperator.values()).map(ComparisonOperator::value).collect(Collectors.toSet());

    public QualityRule {
        arguments = PlainValues.copyMap(arguments);
        implementation = PlainValues.copy(implementation);
        tags = Copies.list(tags);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        customProperties = Copies.list(customProperties);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        extra = PlainValues.copyMap(extra);
    }

    /** The first (in v3.1 the only) comparison, or null. */
    public Comparison comparison() {
        return comparisons.isEmpty() ? null : comparisons.getFirst();
    }

    /**
     * What to check, by kind. An explicit type decides; without one, a rule naming a metric (or, in v3.0, a
     * rule) is a library rule, and a rule naming neither only describes an expectation.
     */
    public QualityCheck check() {
        if (type == QualityType.CUSTOM) {
            return new QualityCheck.Custom(engine, implementation);
        }
        if (type == QualityType.SQL) {
            return new QualityCheck.Sql(query, comparison());
        }
        if (type == QualityType.LIBRARY || (type == null && (metric != null || rule != null))) {
            return new QualityCheck.Library(metric, rule, arguments, comparison());
        }
        return new QualityCheck.Text(description);
    }

    /** The comparisons and the extra fields, written after the standard fields. */
    @JsonAnyGetter
    public Map<String, Object> otherFields() {
        Map<String, Object> other = new LinkedHashMap<>();
        comparisons.forEach(comparison -> other.put(comparison.operator().value(), comparison.value()));
        if (extra != null) {
            other.putAll(extra);
        }
        return other;
    }

    static QualityRule bind(OdcsFields f) {
        f.explainAll(OdcsHints.QUALITY_RULE);
        Kinds kinds = Kinds.of(f);
        String id = f.stableId();
        String name = f.string("name");
        String description = f.string("description");
        QualityType type = f.choice("type", QualityType.class);
        QualityDimension dimension = f.choice("dimension", QualityDimension.class);
        String method = f.string("method");
        LibraryMetric metric = null;
        String rule = null;
        Map<String, Object> arguments = null;
        if (kinds.library() && f.isV31()) {
            f.require("metric");
            metric = f.choice("metric", LibraryMetric.class);
            rule = f.string("rule");
            arguments = f.freeObject("arguments");
        } else if (kinds.library()) {
            f.require("rule");
            rule = f.string("rule");
        } else if (f.isV31()) {
            metric = f.choice("metric", LibraryMetric.class); // present but not a string: reported as such
            f.explain("rule", "`rule` names the check of a library rule (type: library)");
            f.explain("arguments", "`arguments` belong to library rules (type: library, with a metric)");
        }
        String unit = f.string("unit");
        String query = kinds.sql() ? f.requiredString("query") : notOfThisKind(f, "query", "sql");
        if (kinds.custom()) {
            f.require("engine", "implementation");
        }
        String engine = kinds.custom() ? f.string("engine") : notOfThisKind(f, "engine", "custom");
        Object implementation = kinds.custom() ? implementation(f) : null;
        if (!kinds.custom()) {
            notOfThisKind(f, "implementation", "custom");
        }
        List<Comparison> comparisons = comparisons(f, kinds);
        return new QualityRule(id, name, description, type, dimension, method, metric, rule, arguments, unit, query,
                engine, implementation, f.string("severity"), f.string("businessImpact"), f.string("scheduler"),
                f.string("schedule"), f.strings("tags"),
                f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind),
                f.objects("customProperties", CustomProperty::bind), comparisons, f.closeInV31());
    }

    /**
     * Which of the schema's if/then branches apply to this rule. v3.1: library when type is library or a
     * metric (string) is given; v3.0: library when type is library or absent (its condition does not
     * require the type). sql and custom when the type says so.
     */
    private record Kinds(boolean library, boolean sql, boolean custom) {
        static Kinds of(OdcsFields f) {
            boolean libraryType = f.peek("type", "library"::equals);
            boolean library = f.isV31() ? libraryType || f.peek("metric", value -> value instanceof String)
                    : libraryType || !f.has("type");
            return new Kinds(library, f.peek("type", "sql"::equals), f.peek("type", "custom"::equals));
        }

        /** The v3.1 kinds whose rules carry exactly one operator. */
        boolean compares() {
            return library || sql;
        }
    }

    private static String notOfThisKind(OdcsFields f, String key, String kind) {
        f.explain(key, "`" + key + "` belongs to " + kind + " rules (type: " + kind + ")");
        return null;
    }

    /** A string (e.g. a block of YAML for the engine) or an object. */
    private static Object implementation(OdcsFields f) {
        Node node = f.raw("implementation");
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar && scalar.isString()) {
            return scalar.value();
        }
        if (node instanceof MapNode map) {
            return PlainValues.copyMap(map.toPlain());
        }
        f.problems().error(node, "`implementation` must be a string or an object, found " + node.kindName());
        return null;
    }

    private static List<Comparison> comparisons(OdcsFields f, Kinds kinds) {
        List<String> present = f.presentOf(OPERATOR_KEYS);
        if (f.isV31() && !kinds.compares()) {
            present.forEach(key -> f.explain(key, "operators compare the result of library and sql rules; "
                    + "this rule is " + (f.has("type") ? "of type " + f.node().get("type").toPlain() : "neither")));
            return List.of();
        }
        if (f.isV31() && present.size() != 1) {
            reportOperatorCount(f, present);
        }
        // v3.0 types the operators of library rules only; elsewhere they are free fields, kept as
        // comparisons when well-formed and otherwise left to `extra`
        boolean strict = f.isV31() || kinds.library();
        List<Comparison> comparisons = new ArrayList<>();
        for (String key : present) {
            ComparisonOperator operator = ComparisonOperator.ofKey(key);
            Node node = f.node().get(key);
            if (Comparison.accepts(operator, node)) {
                comparisons.add(new Comparison(operator, f.raw(key).toPlain()));
            } else if (strict) {
                f.raw(key);
                f.problems().error(node, "`" + key + "` must be " + Comparison.expectation(operator) + ", found "
                        + describe(node));
            }
        }
        return comparisons;
    }

    private static void reportOperatorCount(OdcsFields f, List<String> present) {
        if (present.isEmpty()) {
            f.problems().error(f.node(), "a library or sql rule needs one operator: "
                    + Arrays.stream(ComparisonOperator.values()).map(ComparisonOperator::value)
                    .collect(Collectors.joining(", ")));
            return;
        }
        Node second = f.node().get(present.get(1));
        f.problems().error(second, "a rule takes exactly one operator, found "
                + present.stream().map(key -> "`" + key + "`").collect(Collectors.joining(" and "))
                + (present.size() == 2 && present.stream().allMatch(key -> key.contains("Greater") || key.contains("Less"))
                ? " (for a range, use mustBeBetween: [low, high])" : ""));
    }

    private static String describe(Node node) {
        return node instanceof ListNode list ? "a list of " + list.items().size() + " items" : node.kindName();
    }
}
