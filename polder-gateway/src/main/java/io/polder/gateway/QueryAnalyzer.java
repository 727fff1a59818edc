package io.polder.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.CteScopes;
import io.polder.engine.duckdb.SqlAnalyzer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a consumer's query on DuckDB's own parse tree and finds the granted relations it reads. The tree is
 * walked whole (select list, FROM, joins, WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY, windows, subqueries,
 * set operations, CTE bodies, lambdas), with common table expressions resolved in their scope, the way
 * DuckDB resolves them ({@link CteScopes}, shared with the engine's build checks). Refused, with the position
 * in the SQL:
 * <ul>
 * <li>a table that is neither a CTE in scope nor a relation the principal holds an unexpired grant on
 *     (system views, {@code information_schema}, files written as tables, other catalogs);</li>
 * <li>a CTE named like a system view (so that no scoping subtlety can turn it into one);</li>
 * <li>table functions other than {@code range}, {@code generate_series} and {@code unnest} (they read files,
 *     settings and the catalog);</li>
 * <li>functions outside the allowed set ({@link FunctionCatalog}): variables, settings, sequences, macros that
 *     read the catalog;</li>
 * <li>time travel ({@code AT (VERSION => ...)}), DESCRIBE/SHOW/SUMMARIZE in FROM, and any part of the tree
 *     this class does not know.</li>
 * </ul>
 */
final class QueryAnalyzer {
    private static final Set<String> PURE_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");
    private static final Set<String> TABLE_REFS = Set.of("BASE_TABLE", "TABLE_FUNCTION", "JOIN", "SUBQUERY", "EMPTY",
            "EXPRESSION_LIST", "PIVOT");
    private static final Set<String> ORDER_TYPES = Set.of("ORDER_DEFAULT", "ASCENDING", "DESCENDING");
    private static final Set<String> MODIFIERS = Set.of("ORDER_MODIFIER", "LIMIT_MODIFIER", "LIMIT_PERCENT_MODIFIER",
            "DISTINCT_MODIFIER");

    private final FunctionCatalog functions;

    QueryAnalyzer(FunctionCatalog functions) {
        this.functions = functions;
    }

    /** The granted relations {@code statement} reads, each once, in the order first named. */
    List<GrantedRelation> analyze(JsonNode statement, String sql, AccessView access, Instant now) {
        Walk walk = new Walk(sql, access, now);
        walk.visit(statement.path("node"));
        return List.copyOf(walk.relations.values());
    }

    private final class Walk {
        private final String sql;
        private final AccessView access;
        private final Instant now;
        private final CteScopes scopes = new CteScopes();
        private final Map<String, GrantedRelation> relations = new LinkedHashMap<>();

        Walk(String sql, AccessView access, Instant now) {
            this.sql = sql;
            this.access = access;
            this.now = now;
        }

        void visit(JsonNode node) {
            if (node.isArray()) {
                node.forEach(this::visit);
                return;
            }
            if (!node.isObject()) {
                return;
            }
            String type = node.path("type").asText("");
            String expressionClass = node.path("class").asText("");
            if (CteScopes.isQueryNode(type)) {
                scopes.queryNode(node, this::checkCteName, this::visit);
            } else if (!expressionClass.isEmpty()) {
                expression(node, expressionClass);
            } else if (TABLE_REFS.contains(type) || type.endsWith("_REF")) {
                tableRef(node, type);
            } else if (type.isEmpty() || MODIFIERS.contains(type) || ORDER_TYPES.contains(type)) {
                children(node);
            } else {
                throw Refusal.forbidden(at(node) + "the query uses " + type.toLowerCase(Locale.ROOT).replace('_', ' ')
                        + ", which the gateway does not serve");
            }
        }

        private void children(JsonNode node) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                visit(field.getValue());
            }
        }

        private void checkCteName(String name, JsonNode entry) {
            if (functions.isSystemRelation(name)) {
                throw Refusal.forbidden(at(entry.path("value").path("query_node")) + "a common table expression may not be"
                        + " named " + name + ", the name of a system view");
            }
        }

        private void expression(JsonNode node, String expressionClass) {
            if (expressionClass.equals("FUNCTION") || expressionClass.equals("WINDOW")
                    || expressionClass.equals("AGGREGATE")) {
                String name = node.path("function_name").asText("");
                String schema = node.path("schema").asText("");
                String catalog = node.path("catalog").asText("");
                if (!catalog.isEmpty() || !(schema.isEmpty() || schema.equalsIgnoreCase("main"))) {
                    throw Refusal.forbidden(at(node) + "calls " + qualified(catalog, schema, name)
                            + "(); a query may call functions by their plain name only");
                }
                if (!name.isEmpty() && !functions.allowed(name)) {
                    throw Refusal.forbidden(at(node) + "calls " + name + "(), which a query through the gateway may not"
                            + " use (it reads settings, variables, sequences or the catalog, or is unknown)");
                }
            }
            children(node);
        }

        private void tableRef(JsonNode node, String type) {
            switch (type) {
                case "BASE_TABLE" -> baseTable(node);
                case "TABLE_FUNCTION" -> {
                    String name = node.path("function").path("function_name").asText("");
                    if (!PURE_TABLE_FUNCTIONS.contains(RelationName.asciiLower(name))
                            || !node.path("function").path("schema").asText("").isEmpty()
                            || !node.path("function").path("catalog").asText("").isEmpty()) {
                        throw Refusal.forbidden(at(node) + "calls the table function " + name + "(); a query reads granted"
                                + " relations only, never files, settings or the catalog (allowed table functions: range,"
                                + " generate_series, unnest)");
                    }
                    children(node);
                }
                case "JOIN", "SUBQUERY", "EMPTY", "EXPRESSION_LIST", "PIVOT" -> children(node);
                default -> throw Refusal.forbidden(at(node) + "the query uses "
                        + (type.equals("SHOW_REF") ? "DESCRIBE, SHOW or SUMMARIZE" : type.toLowerCase(Locale.ROOT).replace('_', ' '))
                        + " in FROM, which the gateway does not serve");
            }
        }

        private void baseTable(JsonNode node) {
            String catalog = node.path("catalog_name").asText("");
            String schema = node.path("schema_name").asText("");
            String table = node.path("table_name").asText("");
            JsonNode atClause = node.path("at_clause");
            if (!atClause.isMissingNode() && !atClause.isNull()) {
                throw Refusal.forbidden(at(node) + "reads " + qualified(catalog, schema, table) + " AT a version; a"
                        + " query reads the published snapshot only");
            }
            if (!catalog.isEmpty()) {
                throw Refusal.forbidden(at(node) + "names the catalog of " + qualified(catalog, schema, table)
                        + "; relations are named \"PRODUCT/PORT\".TABLE");
            }
            if (scopes.isCte(catalog, schema, table)) {
                return;
            }
            if (schema.isEmpty()) {
                throw Refusal.forbidden(at(node) + table + " is not a relation you may read: the gateway serves output"
                        + " ports as \"PRODUCT/PORT\".TABLE" + readable());
            }
            RelationName name = new RelationName(schema, table);
            GrantedRelation relation = access.relation(name).orElse(null);
            if (relation == null) {
                throw notGranted(node, name);
            }
            if (relation.expiredAt(now)) {
                String port = relation.name().portAddress().orElse(relation.port().productId() + "/" + relation.port().portName());
                throw Refusal.forbidden(at(node) + "your grant on " + port + " expired at " + relation.expiresAt()
                        + "; request access again with: " + command(port), details(name, port));
            }
            relations.putIfAbsent(name.key(), relation);
        }

        private RuntimeException notGranted(JsonNode node, RelationName name) {
            String written = name.sql();
            String nonAscii = nonAscii(name.schema() + name.table());
            if (name.portAddress().isEmpty()) {
                return Refusal.forbidden(at(node) + written + " is not a relation you may read: the gateway serves output"
                        + " ports as \"PRODUCT/PORT\".TABLE" + nonAscii + readable());
            }
            String port = name.portAddress().get();
            LapsedGrant lapsed = access.lapsed(port).orElse(null);
            if (lapsed != null) {
                return Refusal.forbidden(at(node) + "your grant on " + port + " was "
                        + lapsed.reason().name().toLowerCase(Locale.ROOT) + " at " + lapsed.at()
                        + "; request access again with: " + command(port), details(name, port));
            }
            Optional<Refusal> missing = missing(node, name, port);
            if (missing.isPresent()) {
                return missing.get();
            }
            return Refusal.forbidden(at(node) + "you hold no grant to read " + written + nonAscii + "; request one for"
                    + " the port with: " + command(port), details(name, port));
        }

        /**
         * The refusal of a name that no relation has: another table or version of a port the principal reads, or
         * a product or port the catalog does not hold; empty when the name is only not granted.
         */
        private Optional<Refusal> missing(JsonNode node, RelationName name, String port) {
            List<String> onPort = access.namesOn(port);
            if (!onPort.isEmpty()) {
                return Optional.of(Refusal.invalid(at(node) + name.sql() + " is not a relation of " + port + "; of that"
                        + " port you may read " + list(onPort), Map.of("relation", name.sql(), "port", port)));
            }
            String product = port.substring(0, port.indexOf('/'));
            String portName = port.substring(port.indexOf('/') + 1);
            AccessView.Catalogued catalogued = access.catalogued(product).orElse(null);
            if (catalogued instanceof AccessView.Catalogued.NoProduct) {
                return Optional.of(Refusal.invalid(at(node) + "there is no product " + product + " (the query names "
                        + name.sql() + "); `polder get products` lists the products", Map.of("relation", name.sql())));
            }
            if (catalogued instanceof AccessView.Catalogued.Product known && known.outputPorts().stream()
                    .noneMatch(portName::equalsIgnoreCase)) {
                return Optional.of(Refusal.invalid(at(node) + "product " + product + " has no output port " + portName
                        + " (the query names " + name.sql() + "); " + (known.outputPorts().isEmpty() ? "it has none"
                        : "its output ports: " + String.join(", ", known.outputPorts())),
                        Map.of("relation", name.sql(), "outputPorts", known.outputPorts())));
            }
            return Optional.empty();
        }

        private static String list(List<String> names) {
            return String.join(", ", names.subList(0, Math.min(names.size(), 10))) + (names.size() > 10 ? ", ..." : "");
        }

        private String readable() {
            List<String> names = access.someNames(11);
            return names.isEmpty() ? "; you hold no grants" : "; you may read "
                    + String.join(", ", names.subList(0, Math.min(names.size(), 10))) + (names.size() > 10 ? ", ..." : "");
        }

        private String at(JsonNode node) {
            long location = node.path("query_location").asLong(-1);
            return location < 0 || location > sql.length() ? "" : SqlAnalyzer.lineAndColumn(sql, (int) location) + ": ";
        }
    }

    /** The command that requests a grant, as it runs when pasted: the CLI requires --purpose and --days. */
    static String command(String port) {
        return "polder access request " + port + " --purpose \"...\" --days 30";
    }

    private static Map<String, Object> details(RelationName name, String port) {
        Map<String, Object> details = new HashMap<>();
        details.put("relation", name.sql());
        details.put("port", port);
        details.put("command", command(port));
        return details;
    }

    /** Names the first character outside printable ASCII, which a look-alike identifier hides. */
    private static String nonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return " (the name holds the character U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + ", which is not ASCII; names of products, ports and tables are)";
            }
        }
        return "";
    }

    private static String qualified(String catalog, String schema, String name) {
        StringBuilder text = new StringBuilder();
        if (!catalog.isEmpty()) {
            text.append(catalog).append('.');
        }
        if (!schema.isEmpty()) {
            text.append(schema).append('.');
        }
        return text.append(name).toString();
    }
}
