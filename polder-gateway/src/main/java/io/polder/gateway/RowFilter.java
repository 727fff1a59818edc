package io.polder.gateway;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a relation a grant lets its holder see: a SQL boolean expression over the relation's columns,
 * such as {@code country_code IN ('NL', 'BE')}. It is checked on DuckDB's parse tree before it is used
 * ({@link RowFilterCheck}): only column references, literals, operators and a list of pure functions.
 * It applies to the published values, before any mask.
 */
public record RowFilter(String sql) {
    public RowFilter {
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a row filter is a boolean SQL expression; it is empty");
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
