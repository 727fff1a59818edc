package io.polder.engine.duckdb;

import java.util.List;
import java.util.Set;

/**
 * What a SELECT reads, from DuckDB's own parse tree: the tables it names, the table functions it calls,
 * the scalar functions it calls, and the names of its common table expressions.
 */
public record ParsedQuery(List<Reference> tables, List<Call> tableFunctions, List<Call> scalarFunctions, Set<String> cteNames) {
    public ParsedQuery {
        tables = List.copyOf(tables);
        tableFunctions = List.copyOf(tableFunctions);
        scalarFunctions = List.copyOf(scalarFunctions);
        cteNames = Set.copyOf(cteNames);
    }

    /**
     * A table named in FROM or JOIN.
     *
     * @param catalog empty unless written (catalog.schema.table)
     * @param schema empty unless written (schema.table)
     * @param location the offset of the reference in the SQL text, or -1
     */
    public record Reference(String catalog, String schema, String table, int location) {
        String written() {
            StringBuilder text = new StringBuilder();
            if (!catalog.isEmpty()) {
                text.append(catalog).append('.');
            }
            if (!schema.isEmpty()) {
                text.append(schema).append('.');
            }
            return text.append(table).toString();
        }
    }

    /** A function call, by name, with its offset in the SQL text (or -1). */
    public record Call(String name, int location) {
    }
}
