package io.polder.engine.duckdb;

import java.util.List;

/**
 * What a SELECT reads, from DuckDB's own parse tree: the tables it names (other than common table expressions in
 * scope where they are named), the table functions it calls and the scalar functions it calls.
 */
public record ParsedQuery(List<Reference> tables, List<Call> tableFunctions, List<Call> scalarFunctions) {
    public ParsedQuery {
        tables = List.copyOf(tables);
        tableFunctions = List.copyOf(tableFunctions);
        scalarFunctions = List.copyOf(scalarFunctions);
    }

    /**
     * A table named in FROM or JOIN that is not a CTE.
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
