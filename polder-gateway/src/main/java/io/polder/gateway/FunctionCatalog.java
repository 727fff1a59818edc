package io.polder.gateway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The functions a query may call and the names of DuckDB's system views, read once from DuckDB's own
 * catalog so that the lists match the DuckDB that runs the query. Allowed: every scalar, aggregate and
 * window function of DuckDB, and every macro that reads no table, except those that reach outside the
 * query's data: variables (the mask key is one), settings, sequences, the current query, and the catalog
 * (the {@code pg_*} and privilege macros). Anything DuckDB does not list (an extension's function) is refused.
 */
final class FunctionCatalog {
    private static final Set<String> DENIED = Set.of("getvariable", "current_setting", "current_query", "current_query_id",
            "nextval", "currval", "setval", "txid_current", "current_connection_id", "current_transaction_id",
            "current_schemas", "current_catalog", "current_database", "current_schema", "current_user", "current_role",
            "session_user", "user", "getenv", "pg_sleep", "sleep_ms", "error_if_secret", "query", "query_table",
            "json_execute_serialized_sql", "json_serialize_sql", "json_deserialize_sql", "json_serialize_plan",
            "sql_auto_complete", "make_external_resource", "variant_to_parquet_variant", "enable_logging");
    /** Pure table functions, which also have scalar spellings in the select list. */
    private static final Set<String> PURE_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");

    private final Set<String> allowed;
    private final Set<String> aggregates;
    private final Set<String> systemRelations;

    private FunctionCatalog(Set<String> allowed, Set<String> aggregates, Set<String> systemRelations) {
        this.allowed = Set.copyOf(allowed);
        this.aggregates = Set.copyOf(aggregates);
        this.systemRelations = Set.copyOf(systemRelations);
    }

    static FunctionCatalog read(Connection connection) throws SQLException {
        Set<String> allowed = new HashSet<>(PURE_TABLE_FUNCTIONS);
        Set<String> system = new HashSet<>();
        Set<String> aggregates = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet functions = statement.executeQuery("SELECT DISTINCT function_name, function_type,"
                    + " coalesce(macro_definition, '') FROM duckdb_functions() WHERE schema_name = 'main'"
                    + " AND function_type IN ('scalar', 'aggregate', 'window', 'macro')")) {
                while (functions.next()) {
                    String name = functions.getString(1).toLowerCase(Locale.ROOT);
                    boolean macro = functions.getString(2).equals("macro");
                    if (functions.getString(2).equals("aggregate") || functions.getString(2).equals("window")) {
                        aggregates.add(name);
                    }
                    String definition = functions.getString(3).toLowerCase(Locale.ROOT);
                    boolean readsTables = macro && (definition.contains("from ") || definition.contains("duckdb_")
                            || definition.contains("pg_"));
                    if (!readsTables && !DENIED.contains(name) && !name.startsWith("pg_") && !name.startsWith("has_")
                            && !name.startsWith("duckdb_")) {
                        allowed.add(name);
                    }
                }
            }
            try (ResultSet views = statement.executeQuery("SELECT DISTINCT view_name FROM duckdb_views() UNION"
                    + " SELECT DISTINCT table_name FROM duckdb_tables() UNION SELECT DISTINCT function_name FROM"
                    + " duckdb_functions() WHERE function_type IN ('table', 'table_macro')")) {
                while (views.next()) {
                    system.add(views.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return new FunctionCatalog(allowed, aggregates, system);
    }

    boolean allowed(String function) {
        return allowed.contains(function.toLowerCase(Locale.ROOT));
    }

    /** An aggregate or window function, which a row filter may not use. */
    boolean aggregate(String function) {
        String lower = function.toLowerCase(Locale.ROOT);
        return aggregates.contains(lower) || lower.equals("count_star");
    }

    /** A view, table or table function of DuckDB's own that an unqualified name could reach. */
    boolean isSystemRelation(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return systemRelations.contains(lower) || lower.startsWith("duckdb_") || lower.startsWith("pragma_")
                || lower.startsWith("sqlite_") || lower.startsWith("information_schema") || lower.startsWith("pg_");
    }
}
