package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.Sql;
import io.polder.engine.duckdb.TypeFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The row predicates of the library metrics: each selects the rows a metric counts. Values from the
 * contract become literals through {@link Sql}, typed to the column: numbers compare with a numeric
 * column as numbers; anything else compares as text, so {@code missingValues: ['', 'N/A']} on a numeric
 * column counts nothing rather than failing to convert.
 */
final class Predicates {
    private Predicates() {
    }

    static String isNull(String column) {
        return Sql.identifier(column) + " IS NULL";
    }

    /** Any of the key columns is null. */
    static String anyNull(List<String> columns) {
        return columns.stream().map(Predicates::isNull).collect(Collectors.joining(" OR "));
    }

    /** The value is one of {@code missing} (null standing for SQL NULL). */
    static String missing(String column, TypeFamily family, List<?> missing) {
        List<String> parts = new ArrayList<>();
        if (missing.contains(null)) {
            parts.add(isNull(column));
        }
        String in = in(column, family, missing.stream().filter(value -> value != null).toList());
        if (in != null) {
            parts.add(in);
        }
        return parts.isEmpty() ? "false" : parts.size() == 1 ? parts.getFirst() : "(" + String.join(" OR ", parts) + ")";
    }

    /**
     * Not null, and not valid: outside {@code validValues} (when given) or not matching {@code pattern} (when
     * given). Nulls are not invalid: they are counted by nullValues and missingValues.
     */
    static String invalid(String column, TypeFamily family, List<?> validValues, String pattern) {
        List<String> valid = new ArrayList<>();
        if (validValues != null) {
            List<?> values = validValues.stream().filter(value -> value != null).toList();
            String in = in(column, family, values);
            valid.add(in == null ? "false" : in);
        }
        if (pattern != null) {
            valid.add("regexp_matches(" + text(column, family) + ", " + Sql.literal(pattern) + ")");
        }
        return Sql.identifier(column) + " IS NOT NULL AND NOT (" + String.join(" AND ", valid) + ")";
    }

    /**
     * {@code column IN (SELECT unnest([...]))}, or null for no values. DuckDB evaluates a literal IN list as a
     * chain of comparisons on every row (a list of 365 values made a scan of ten million rows take seconds per
     * rule); as a subquery it becomes a hash lookup, hundreds of times faster, with the same meaning.
     */
    private static String in(String column, TypeFamily family, List<?> values) {
        if (values.isEmpty()) {
            return null;
        }
        if (family == TypeFamily.BOOLEAN && values.stream().allMatch(value -> value instanceof Boolean)) {
            return Sql.identifier(column) + " IN (" + values.stream().map(String::valueOf).distinct()
                    .collect(Collectors.joining(", ")) + ")";
        }
        boolean numeric = family.isNumeric() && values.stream().allMatch(value -> value instanceof Number);
        String list = values.stream().map(value -> numeric ? Sql.number((Number) value) : Sql.literal(String.valueOf(value)))
                .distinct().collect(Collectors.joining(", "));
        return (numeric ? Sql.identifier(column) : text(column, family)) + " IN (SELECT unnest([" + list + "]))";
    }

    private static String text(String column, TypeFamily family) {
        return family == TypeFamily.STRING ? Sql.identifier(column)
                : "CAST(" + Sql.identifier(column) + " AS VARCHAR)";
    }
}
