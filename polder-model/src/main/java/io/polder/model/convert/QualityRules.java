package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.write.DocumentWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts quality rules (ODCS v3.0 or DCS) into ODCS v3.1.0 rules: {@code rule} becomes {@code metric}
 * with its arguments under {@code arguments}, each library or SQL rule gets exactly one operator, and what
 * a rule of its type may not hold since v3.1.0 goes into the rule's custom properties.
 */
final class QualityRules {
    /** Which standard the rules come from; DCS rules may omit {@code type} and have a few DCS-only keys. */
    enum Origin { ODCS_V3_0, DATA_CONTRACT_SPECIFICATION }

    private static final Set<String> TYPES = Set.of("text", "library", "sql", "custom");
    private static final Set<String> TEXT_KEYS = Set.of("name", "description", "method", "severity",
            "businessImpact", "scheduler", "schedule", "unit");
    private static final Map<String, String> DIMENSIONS = Map.ofEntries(
            Map.entry("accuracy", "accuracy"), Map.entry("ac", "accuracy"),
            Map.entry("completeness", "completeness"), Map.entry("cp", "completeness"),
            Map.entry("conformity", "conformity"), Map.entry("cf", "conformity"),
            Map.entry("consistency", "consistency"), Map.entry("cs", "consistency"),
            Map.entry("coverage", "coverage"), Map.entry("cv", "coverage"),
            Map.entry("timeliness", "timeliness"), Map.entry("tm", "timeliness"),
            Map.entry("uniqueness", "uniqueness"), Map.entry("uq", "uniqueness"));
    /** Keys that only library, SQL or custom rules may hold; a rule turned into text keeps them as custom. */
    private static final List<String> TYPED_KEYS = List.of("metric", "rule", "arguments", "query", "engine",
            "implementation");

    private final Origin origin;
    private final ConversionLog log;
    private final CommonBlocks blocks;

    QualityRules(Origin origin, ConversionLog log) {
        this.origin = requireNonNull(origin, "origin is null");
        this.log = requireNonNull(log, "log is null");
        this.blocks = new CommonBlocks(log);
    }

    /** The rules of a {@code quality} list, or null when the node is not a list (the caller keeps it). */
    List<Map<String, Object>> list(Node node) {
        if (!(node instanceof ListNode list)) {
            return null;
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Node item : list.items()) {
            rules.addAll(rule(item));
        }
        return rules;
    }

    /** One source rule as one or more v3.1.0 rules (several when it had several operators). */
    List<Map<String, Object>> rule(Node node) {
        if (!(node instanceof MapNode map)) {
            return List.of(notAnObject(node));
        }
        SourceObject source = new SourceObject(map, log);
        RuleType type = RuleType.of(map, origin);
        Map<String, Object> rule = Plain.map();
        if (type.inferred()) {
            rule.put("type", type.name());
        }
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (String key : map.entries().keySet()) {
            place(key, type, source, rule, orphans);
        }
        type.engineFromType().ifPresent(engine -> rule.putIfAbsent("engine", engine));
        Plain.addCustomProperties(rule, source.leftovers(""));
        Plain.addCustomProperties(rule, orphans);
        return finish(rule, type, map);
    }

    private void place(String key, RuleType type, SourceObject source, Map<String, Object> rule,
            List<Map<String, Object>> orphans) {
        Node value = source.node().get(key);
        if (key.equals("type")) {
            placeType(type, source, rule);
        } else if (TEXT_KEYS.contains(key) || key.equals("id")) {
            Plain.put(rule, key, source.text(key));
        } else if (key.equals("dimension")) {
            placeDimension(source, rule);
        } else if (key.equals("tags")) {
            Plain.put(rule, key, source.texts(key));
        } else if (key.equals("authoritativeDefinitions")) {
            source.place(key);
            rule.put(key, blocks.authoritativeDefinitions(value, key, orphans));
        } else if (key.equals("customProperties")) {
            source.place(key);
            rule.put(key, blocks.customProperties(value));
        } else if (type.isLibrary()) {
            placeLibraryKey(key, source, rule);
        } else if (type.isSql()) {
            placeSqlKey(key, source, rule);
        } else if (type.isCustom()) {
            placeCustomKey(key, source, rule);
        }
    }

    private static void placeType(RuleType type, SourceObject source, Map<String, Object> rule) {
        if (!type.inferred()) {
            Plain.put(rule, "type", source.text("type"));
        } else if (type.engineFromType().isPresent()) {
            source.place("type");
        } else {
            source.leave("type", "`type` is not one of ODCS's quality rule types (text, library, sql, custom)");
        }
    }

    private void placeDimension(SourceObject source, Map<String, Object> rule) {
        String dimension = source.text("dimension");
        if (dimension == null) {
            return;
        }
        String standard = DIMENSIONS.get(dimension.toLowerCase(java.util.Locale.ROOT));
        if (standard == null) {
            source.leave("dimension", "dimension `" + dimension + "` is not one of ODCS's dimensions");
            return;
        }
        rule.put("dimension", standard);
    }

    private void placeLibraryKey(String key, SourceObject source, Map<String, Object> rule) {
        if (key.equals("metric") || (key.equals("rule") && !source.has("metric"))) {
            String name = source.text(key);
            String metric = LibraryMetrics.metricFor(name);
            if (metric == null) {
                source.leave(key, "`" + name + "` is not one of ODCS v3.1.0's library metrics");
                return;
            }
            rule.put("metric", metric);
        } else if (key.equals("rule")) {
            Plain.put(rule, key, source.text(key));
        } else if (key.equals("arguments") && source.node().get(key) instanceof MapNode arguments) {
            source.place(key);
            arguments(rule).putAll(arguments.toPlain());
        } else if (LibraryMetrics.ARGUMENTS.contains(key)) {
            source.place(key);
            arguments(rule).put(LibraryMetrics.argumentName(key), source.node().get(key).toPlain());
        } else if (QualityOperators.isOperator(key)) {
            source.place(key);
            rule.put(QualityOperators.standardName(key), source.node().get(key).toPlain());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> arguments(Map<String, Object> rule) {
        return (Map<String, Object>) rule.computeIfAbsent("arguments", key -> new LinkedHashMap<String, Object>());
    }

    private void placeSqlKey(String key, SourceObject source, Map<String, Object> rule) {
        if (key.equals("query")) {
            String query = source.text(key);
            Plain.put(rule, key, query == null ? null : placeholders(query, source.node().get(key)));
        } else if (QualityOperators.isOperator(key)) {
            source.place(key);
            rule.put(QualityOperators.standardName(key), source.node().get(key).toPlain());
        }
    }

    /** DCS names the placeholders {model} and {field}; ODCS names them {object} and {property}. */
    private String placeholders(String query, Node at) {
        if (origin != Origin.DATA_CONTRACT_SPECIFICATION) {
            return query;
        }
        String odcs = query.replace("{model}", "{object}").replace("{field}", "{property}");
        if (!odcs.equals(query)) {
            log.warning(at, "the query's DCS placeholders {model}/{field} are written as ODCS's {object}/{property}");
        }
        return odcs;
    }

    private void placeCustomKey(String key, SourceObject source, Map<String, Object> rule) {
        Node value = source.node().get(key);
        if (key.equals("engine")) {
            Plain.put(rule, key, source.text(key));
        } else if (key.equals("implementation") || (key.equals("specification") && !source.has("implementation"))) {
            source.place(key);
            rule.put("implementation", implementation(value));
        }
    }

    /** ODCS wants the implementation as text or an object; a list (which DCS allows) is written as YAML text. */
    private Object implementation(Node value) {
        if (value instanceof ListNode) {
            log.warning(value, "ODCS v3.1.0 takes an implementation as text or an object; this list is written as YAML text");
            return DocumentWriter.toYaml(value.toPlain());
        }
        return value.toPlain();
    }

    private List<Map<String, Object>> finish(Map<String, Object> rule, RuleType type, MapNode at) {
        if (type.isLibrary() && !rule.containsKey("metric")) {
            return List.of(asText(rule, at, "it names no ODCS v3.1.0 library metric"));
        }
        if (type.isCustom() && !(rule.containsKey("engine") && rule.containsKey("implementation"))) {
            return List.of(asText(rule, at, "a custom rule needs an engine and an implementation"));
        }
        if (type.isLibrary() && QualityOperators.present(rule).isEmpty()) {
            impliedOperator(rule, at);
        }
        if (type.isSql() && !rule.containsKey("query")) {
            return List.of(asText(rule, at, "a SQL rule needs a query"));
        }
        if (type.isSql() && QualityOperators.present(rule).isEmpty()) {
            return List.of(asText(rule, at, "ODCS v3.1.0 compares a SQL rule's result with exactly one operator"
                    + " (mustBe, mustBeLessThan, ...) and this rule has none"));
        }
        return QualityOperators.oneEach(rule, at, log);
    }

    private void impliedOperator(Map<String, Object> rule, MapNode at) {
        Map.Entry<String, Object> implied = LibraryMetrics.impliedOperator((String) rule.get("metric"));
        log.warning(at, "ODCS v3.1.0 requires an operator on a library rule; written as " + implied.getKey() + ": "
                + implied.getValue() + ", what a rule without one asks for");
        rule.put(implied.getKey(), implied.getValue());
    }

    /** Rewrites a rule that cannot be a library or custom rule as a text rule, keeping its typed keys as custom. */
    private Map<String, Object> asText(Map<String, Object> rule, MapNode at, String reason) {
        Map<String, Object> text = Plain.map();
        text.put("type", "text");
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map.Entry<String, Object> entry : rule.entrySet()) {
            if (TYPED_KEYS.contains(entry.getKey()) || QualityOperators.NAMES.contains(entry.getKey())) {
                kept.add(Plain.customProperty(entry.getKey(), entry.getValue()));
            } else if (!entry.getKey().equals("type")) {
                text.put(entry.getKey(), entry.getValue());
            }
        }
        log.warning(at, "written as a text rule because " + reason + "; its checks are kept as custom properties");
        Plain.addCustomProperties(text, kept);
        return text;
    }

    private Map<String, Object> notAnObject(Node node) {
        Map<String, Object> text = Plain.map();
        text.put("type", "text");
        if (node instanceof ScalarNode scalar && scalar.isString()) {
            log.warning(node, "a quality rule should be an object; this text is written as a text rule");
            text.put("description", scalar.value());
            return text;
        }
        log.warning(node, "a quality rule should be an object; kept as a custom property of a text rule");
        Plain.addCustomProperties(text, List.of(Plain.customProperty("rule", node.toPlain())));
        return text;
    }
}
