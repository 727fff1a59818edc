package io.polder.engine.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.exceptions.BuildFailedException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads SQL with DuckDB's own parser ({@code json_serialize_sql}), so that what Polder checks is exactly what
 * DuckDB will run: one SELECT, the tables and functions it names. Text matching could be fooled by quoting,
 * comments or nesting; the parse tree cannot.
 */
public final class SqlAnalyzer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlAnalyzer() {
    }

    /**
     * Parses {@code sql}, which must be exactly one SELECT (WITH ... SELECT included).
     *
     * @param where how to name the SQL in messages, e.g. {@code sales/orders/build/orders.sql}
     * @throws BuildDefinitionException for a syntax error, another kind of statement, or several statements
     */
    public static ParsedQuery parse(DuckDbSession session, String sql, String where) {
        JsonNode tree = serialize(session, sql, where);
        if (tree.path("error").asBoolean(false)) {
            throw new BuildDefinitionException(where + describeError(tree, sql));
        }
        JsonNode statements = tree.path("statements");
        if (statements.size() != 1) {
            throw new BuildDefinitionException(where + ": holds " + statements.size() + " statements; it must hold"
                    + " exactly one SELECT");
        }
        Walk walk = new Walk();
        walk.visit(statements.get(0));
        return new ParsedQuery(walk.tables, walk.tableFunctions, walk.scalarFunctions);
    }

    private static JsonNode serialize(DuckDbSession session, String sql, String where) {
        try (PreparedStatement statement = session.connection().prepareStatement("SELECT json_serialize_sql(?)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return JSON.readTree(result.getString(1));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new BuildFailedException(where + ": DuckDB could not parse the SQL: " + e.getMessage(), e);
        }
    }

    private static String describeError(JsonNode tree, String sql) {
        String message = tree.path("error_message").asText("not a valid statement");
        if (message.startsWith("Only SELECT statements")) {
            return ": must hold one SELECT (WITH ... SELECT ... included); it holds another kind of statement";
        }
        int position = tree.path("position").asInt(-1);
        return (position >= 0 ? ":" + lineAndColumn(sql, position) : "") + ": " + message;
    }

    /** {@code LINE:COLUMN} of a character offset, both from 1. */
    public static String lineAndColumn(String sql, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, sql.length()); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return line + ":" + column;
    }

    /**
     * Collects references from anywhere in the tree: subqueries, CTEs, joins, set operations, expressions. A table
     * name that is a CTE in scope where it stands ({@link CteScopes}) reads no relation and is left out.
     */
    private static final class Walk {
        final List<ParsedQuery.Reference> tables = new ArrayList<>();
        final List<ParsedQuery.Call> tableFunctions = new ArrayList<>();
        final List<ParsedQuery.Call> scalarFunctions = new ArrayList<>();
        final CteScopes scopes = new CteScopes();

        void visit(JsonNode node) {
            if (node.isArray()) {
                node.forEach(this::visit);
                return;
            }
            if (!node.isObject()) {
                return;
            }
            String type = node.path("type").asText("");
            if (CteScopes.isQueryNode(type)) {
                scopes.queryNode(node, (name, entry) -> { }, this::visit);
                return;
            }
            if (type.equals("BASE_TABLE")) {
                String catalog = node.path("catalog_name").asText("");
                String schema = node.path("schema_name").asText("");
                String table = node.path("table_name").asText("");
                if (!scopes.isCte(catalog, schema, table)) {
                    tables.add(new ParsedQuery.Reference(catalog, schema, table, location(node)));
                }
            } else if (type.equals("TABLE_FUNCTION")) {
                JsonNode function = node.path("function");
                tableFunctions.add(new ParsedQuery.Call(function.path("function_name").asText(""), location(node)));
            } else if (node.path("class").asText("").equals("FUNCTION") && !node.path("function_name").isMissingNode()) {
                scalarFunctions.add(new ParsedQuery.Call(node.path("function_name").asText(""), location(node)));
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                visit(field.getValue());
            }
        }

        private static int location(JsonNode node) {
            long location = node.path("query_location").asLong(-1);
            return location < 0 || location > Integer.MAX_VALUE ? -1 : (int) location;
        }
    }
}
