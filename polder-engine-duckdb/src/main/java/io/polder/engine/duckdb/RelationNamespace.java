package io.polder.engine.duckdb;

import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.exceptions.ForbiddenSqlException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relations a piece of SQL may read, and the check that it reads nothing else. For a build: the
 * tables of its input ports ({@code "PORT".TABLE}), its sources ({@code source.NAME}) and the relations
 * its own build files make (unqualified); an input or source table may be named unqualified when no other
 * relation has its name. For a quality rule: the tables of the port being checked.
 *
 * <p>Anything else is refused before DuckDB runs it: table functions (which read files), file paths written
 * as tables, other catalogs and schemas (another product's internals), system functions. The session's
 * lock-down would refuse file access anyway; checking the parse tree first gives a clear message.
 */
public final class RelationNamespace {
    public static final String SOURCE_SCHEMA = "source";
    /** Table functions that only compute: they read no file and no setting. */
    private static final Set<String> PURE_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest",
            "generate_subscripts");
    /** Scalar functions that reach outside the query. */
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of("getenv", "current_setting", "duckdb_secrets",
            "read_text", "read_blob", "query", "query_table");

    private final Map<String, Set<String>> schemas = new LinkedHashMap<>();
    private final Set<String> local = new LinkedHashSet<>();
    private final String purpose;

    /** @param purpose what the SQL is for, in messages: "a build" or "a quality rule" */
    public RelationNamespace(String purpose) {
        this.purpose = purpose;
    }

    public void addSchemaTable(String schema, String table) {
        schemas.computeIfAbsent(schema, key -> new LinkedHashSet<>()).add(table);
    }

    public void addLocal(String name) {
        local.add(name);
    }

    Set<String> localNames() {
        return Set.copyOf(local);
    }

    /** Unqualified names that stand for exactly one schema table and no local relation, with that table's schema. */
    Map<String, String> unqualifiedAliases() {
        Map<String, String> owners = new LinkedHashMap<>();
        Set<String> ambiguous = new TreeSet<>();
        schemas.forEach((schema, tables) -> tables.forEach(table -> {
            if (owners.putIfAbsent(table, schema) != null) {
                ambiguous.add(table);
            }
        }));
        ambiguous.forEach(owners::remove);
        local.forEach(owners::remove);
        return owners;
    }

    /**
     * Checks every reference of {@code query}.
     *
     * @return the local relations it reads (for ordering build files)
     * @throws ForbiddenSqlException when it reads files, settings, other catalogs or system tables
     * @throws BuildDefinitionException when it names a relation that is not declared
     */
    public Set<String> check(ParsedQuery query, String sql, String where) {
        for (ParsedQuery.Call call : query.tableFunctions()) {
            if (!PURE_TABLE_FUNCTIONS.contains(call.name().toLowerCase(Locale.ROOT))) {
                throw new ForbiddenSqlException(at(where, sql, call.location()) + "calls the table function "
                        + call.name() + "(); " + purpose + " may not read files or system tables: it reads "
                        + readable() + (call.name().startsWith("read_") ? " (declare files as sources in polder.yaml)" : ""));
            }
        }
        for (ParsedQuery.Call call : query.scalarFunctions()) {
            if (FORBIDDEN_FUNCTIONS.contains(call.name().toLowerCase(Locale.ROOT))) {
                throw new ForbiddenSqlException(at(where, sql, call.location()) + "calls " + call.name() + "(), which "
                        + purpose + " may not use");
            }
        }
        Set<String> reads = new LinkedHashSet<>();
        Map<String, String> aliases = unqualifiedAliases();
        for (ParsedQuery.Reference reference : query.tables()) {
            String resolved = resolve(reference, aliases, sql, where);
            if (resolved != null) {
                reads.add(resolved);
            }
        }
        return reads;
    }

    /** The local relation read, or null for an input or a source. */
    private String resolve(ParsedQuery.Reference reference, Map<String, String> aliases, String sql, String where) {
        String table = reference.table();
        if (!reference.catalog().isEmpty()) {
            throw new ForbiddenSqlException(at(where, sql, reference.location()) + "names the catalog of `"
                    + reference.written() + "`; " + purpose + " reads " + readable() + " only");
        }
        if (looksLikeFile(table)) {
            throw new ForbiddenSqlException(at(where, sql, reference.location()) + "reads the file '" + table + "'; "
                    + purpose + " may not read files: it reads " + readable()
                    + (purpose.contains("build") ? " (declare files as sources in polder.yaml)" : ""));
        }
        if (reference.schema().isEmpty()) {
            if (aliases.containsKey(table)) {
                return null;
            }
            if (local.contains(table)) {
                return table;
            }
            throw undeclared(reference, sql, where);
        }
        Set<String> tables = schemas.get(reference.schema());
        if (tables != null && tables.contains(table)) {
            return null;
        }
        if (reference.schema().equals("main") && local.contains(table)) {
            return table;
        }
        throw undeclared(reference, sql, where);
    }

    private RuntimeException undeclared(ParsedQuery.Reference reference, String sql, String where) {
        String schema = reference.schema();
        boolean system = schema.equals("information_schema") || schema.equals("pg_catalog")
                || reference.table().startsWith("duckdb_") || reference.table().startsWith("pragma_");
        String message = at(where, sql, reference.location()) + "reads `" + reference.written() + "`, which is not "
                + (schemas.containsKey(schema) ? "a table of `" + schema + "`" : "declared") + "; " + purpose
                + " reads " + readable();
        if (system) {
            return new ForbiddenSqlException(message);
        }
        return new BuildDefinitionException(message + (purpose.contains("build") && !schemas.containsKey(schema)
                ? " (to read another product, declare an input port on its output port; what its build makes"
                + " besides its ports is private to it)" : ""));
    }

    private String readable() {
        List<String> names = new java.util.ArrayList<>();
        schemas.forEach((schema, tables) -> tables.forEach(table -> names.add(quoteIfNeeded(schema) + "." + table)));
        names.addAll(local);
        return names.isEmpty() ? "nothing" : String.join(", ", names.size() > 12 ? names.subList(0, 12) : names)
                + (names.size() > 12 ? ", ..." : "");
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name + "\"";
    }

    private static boolean looksLikeFile(String table) {
        String lower = table.toLowerCase(Locale.ROOT);
        return table.contains("/") || table.contains("\\") || table.contains(":") || lower.endsWith(".csv")
                || lower.endsWith(".parquet") || lower.endsWith(".json") || lower.endsWith(".ndjson")
                || lower.endsWith(".jsonl") || lower.endsWith(".tsv") || lower.endsWith(".txt")
                || lower.endsWith(".db") || lower.endsWith(".duckdb") || lower.endsWith(".gz");
    }

    static String at(String where, String sql, int location) {
        return where + (location >= 0 ? ":" + SqlAnalyzer.lineAndColumn(sql, location) : "") + ": ";
    }
}
