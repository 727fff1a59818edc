package io.polder.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a grant's row filter on DuckDB's parse tree: one boolean expression over the relation's own columns,
 * made of column references, literals, comparisons, AND/OR/NOT, IN, BETWEEN, CASE, casts and allowed
 * functions; no subquery, window, aggregate, star, parameter or lambda. The filter is parsed inside
 * {@code SELECT * FROM relation WHERE (...)} and the tree must be exactly that query, so no text in the filter
 * can close the parenthesis and add a UNION, a join or a second statement.
 */
final class RowFilterCheck {
    private static final Set<String> EXPRESSIONS = Set.of("COLUMN_REF", "CONSTANT", "COMPARISON", "CONJUNCTION",
            "OPERATOR", "BETWEEN", "CASE", "CAST", "FUNCTION", "TYPE");

    private final FunctionCatalog functions;

    RowFilterCheck(FunctionCatalog functions) {
        this.functions = functions;
    }

    /** The query the filter is parsed in. */
    static String probe(RowFilter filter) {
        return "SELECT * FROM polder_row_filter_probe WHERE (\n" + filter.sql() + "\n)";
    }

    /**
     * @param tree the parse of {@link #probe}
     * @param what how to name the filter in messages, such as {@code the row filter of grant g-1 on "a/b".t}
     * @throws IllegalArgumentException naming what is wrong
     */
    void check(JsonNode tree, List<String> columns, String what) {
        if (tree.path("error").asBoolean(false)) {
            throw new IllegalArgumentException(what + " is not a valid SQL expression: "
                    + tree.path("error_message").asText("syntax error"));
        }
        JsonNode statements = tree.path("statements");
        JsonNode node = statements.size() == 1 ? statements.get(0).path("node") : null;
        if (node == null || !node.path("type").asText("").equals("SELECT_NODE") || node.path("modifiers").size() != 0
                || node.path("cte_map").path("map").size() != 0 || node.path("select_list").size() != 1
                || !node.path("select_list").get(0).path("class").asText("").equals("STAR")
                || !node.path("from_table").path("type").asText("").equals("BASE_TABLE")
                || !node.path("from_table").path("table_name").asText("").equals("polder_row_filter_probe")
                || node.path("group_expressions").size() != 0 || !node.path("having").isNull()
                || !node.path("qualify").isNull() || !node.path("sample").isNull() || node.path("where_clause").isNull()) {
            throw new IllegalArgumentException(what + " must be one boolean expression over the relation's columns,"
                    + " such as country_code IN ('NL', 'BE')");
        }
        Map<String, String> known = columns.stream().collect(Collectors.toMap(RelationName::asciiLower, name -> name,
                (a, b) -> a, java.util.LinkedHashMap::new));
        expression(node.path("where_clause"), known, what);
    }

    private void expression(JsonNode node, Map<String, String> columns, String what) {
        if (node.isArray()) {
            node.forEach(child -> expression(child, columns, what));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String expressionClass = node.path("class").asText("");
        if (!expressionClass.isEmpty()) {
            if (!EXPRESSIONS.contains(expressionClass)) {
                throw new IllegalArgumentException(what + " uses " + expressionClass.toLowerCase(java.util.Locale.ROOT)
                        + "; a row filter uses columns, literals, operators and plain functions only");
            }
            if (expressionClass.equals("COLUMN_REF")) {
                JsonNode names = node.path("column_names");
                if (names.size() != 1 || !columns.containsKey(RelationName.asciiLower(names.get(0).asText("")))) {
                    throw new IllegalArgumentException(what + " names the column " + join(names)
                            + ", which the relation does not have; it has " + String.join(", ", columns.values()));
                }
            }
            if (expressionClass.equals("FUNCTION")) {
                String name = node.path("function_name").asText("");
                if (!functions.allowed(name) || functions.aggregate(name)
                        || !node.path("schema").asText("").isEmpty() || !node.path("catalog").asText("").isEmpty()) {
                    throw new IllegalArgumentException(what + " calls " + name + "(), which a row filter may not use");
                }
            }
        } else if (!node.path("type").asText("").isEmpty() && !node.path("type").asText("").startsWith("ORDER")) {
            throw new IllegalArgumentException(what + " holds a " + node.path("type").asText("").toLowerCase(java.util.Locale.ROOT)
                    + "; a row filter uses columns, literals, operators and plain functions only");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals("cast_type")) {
                expression(field.getValue(), columns, what);
            }
        }
    }

    private static String join(JsonNode names) {
        StringBuilder text = new StringBuilder();
        names.forEach(name -> text.append(text.isEmpty() ? "" : ".").append(name.asText("")));
        return text.toString();
    }
}
