package io.polder.engine.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The common table expressions in scope while a walk descends DuckDB's parse tree ({@code json_serialize_sql}),
 * resolved the way DuckDB binds an unqualified table name: a query node's CTEs are visible in its body and in
 * everything nested in it, and each in the CTEs after it; a CTE is not visible in its own body (there its name
 * is the catalog's table or view of that name) unless it is the recursive part of {@code WITH RECURSIVE}; a CTE
 * of a subquery is not visible outside the subquery. Names compare as DuckDB compares identifiers, ignoring
 * ASCII case.
 *
 * <p>Where DuckDB's rules would make more names visible than these (a {@code WITH RECURSIVE} list is one), a
 * name this class does not see as a CTE is checked as a relation: it may be refused wrongly, never let through
 * wrongly. Shared by the engine's build and rule checks and the query gateway.
 */
public final class CteScopes {
    private static final Set<String> QUERY_NODES = Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE",
            "CTE_NODE");

    private final Deque<Set<String>> scopes = new ArrayDeque<>();

    /** Whether a parse-tree node of this {@code type} is a query node, which may hold CTEs. */
    public static boolean isQueryNode(String type) {
        return QUERY_NODES.contains(type);
    }

    /**
     * Walks a query node with its CTEs in scope: each CTE body (after {@code onCte} has seen the CTE's name and
     * entry, to refuse a name if it must), then every other field of the node. {@code walk} is the caller's walk,
     * given each child; it calls back here for nested query nodes.
     */
    public void queryNode(JsonNode node, BiConsumer<String, JsonNode> onCte, Consumer<JsonNode> walk) {
        Set<String> scope = new HashSet<>();
        scopes.push(scope);
        try {
            if (node.path("type").asText("").equals("RECURSIVE_CTE_NODE")) {
                scope.add(asciiLower(node.path("cte_name").asText("")));
            }
            for (JsonNode entry : node.path("cte_map").path("map")) {
                String name = entry.path("key").asText("");
                onCte.accept(name, entry);
                walk.accept(entry.path("value"));
                scope.add(asciiLower(name));
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals("cte_map")) {
                    walk.accept(field.getValue());
                }
            }
        } finally {
            scopes.pop();
        }
    }

    /**
     * Whether a table reference with this catalog, schema and name is a CTE in scope where the walk stands; only
     * an unqualified name can be.
     */
    public boolean isCte(String catalog, String schema, String table) {
        if (!catalog.isEmpty() || !schema.isEmpty()) {
            return false;
        }
        String key = asciiLower(table);
        for (Set<String> scope : scopes) {
            if (scope.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case for A-Z only, as DuckDB folds identifiers when it compares them. */
    public static String asciiLower(String text) {
        StringBuilder lower = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (lower == null) {
                    lower = new StringBuilder(text);
                }
                lower.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return lower == null ? text : lower.toString();
    }
}
