package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.Sql;
import io.polder.engine.duckdb.TypeFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The row predicates of the library metrics: each selects the rows a metric counts. Values from the
 * contract become literals through {@link Sql}, typed to the column: numbers compare with a numeric
 * column as numbers; anything else compares as text, so {@code missingValues: ['', 'N/A']} on a numeric
 * column counts nothing rather than failing to convert.
 */
final class Predicates {
    /**
     * The integer types a range predicate is written for: DuckDB compares each with BIGINT literals, whatever
     * their sign or size (IntegerRangeTest counts both ways on each); UHUGEINT it casts to BIGINT, and fails.
     */
    private static final Set<String> RANGED_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    private Predicates() {
    }

    static String isNull(String column) {
        return Sql.identifier(column) + " IS NULL";
    }

    /** Any of the key columns is null. */
    static String anyNull(List<String> columns) {
        return columns.stream().map(Predicates::isNull).collect(Collectors.joining(" OR "));
    }

    /** The value is one of {@code missing} (null standing for SQL NULL); {@code type} is the column's DuckDB type. */
    static String missing(String column, String type, List<?> missing) {
        List<String> parts = new ArrayList<>();
        if (missing.contains(null)) {
            parts.add(isNull(column));
        }
        String in = in(column, type, missing.stream().filter(value -> value != null).toList());
        if (in != null) {
            parts.add(in);
        }
        return parts.isEmpty() ? "false" : parts.size() == 1 ? parts.getFirst() : "(" + String.join(" OR ", parts) + ")";
    }

    /**
     * Not null, and not valid: outside {@code validValues} (when given) or not matching {@code pattern} (when
     * given). Nulls are not invalid: they are counted by nullValues and missingValues.
     */
    static String invalid(String column, String type, List<?> validValues, String pattern) {
        TypeFamily family = TypeFamily.of(type);
        List<String> valid = new ArrayList<>();
        if (validValues != null) {
            List<?> values = validValues.stream().filter(value -> value != null).toList();
            String in = in(column, type, values);
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
     * rule, and even three strings cost ten times the lookup); as a subquery it becomes a hash lookup, hundreds of
     * times faster, with the same meaning. Integers that make a contiguous range on an integer column (of the
     * {@link #RANGED_TYPES}) are a range instead ({@link #integerRange}).
     */
    private static String in(String column, String type, List<?> values) {
        if (values.isEmpty()) {
            return null;
        }
        TypeFamily family = TypeFamily.of(type);
        String range = RANGED_TYPES.contains(type.trim().toUpperCase(Locale.ROOT)) ? integerRange(column, values) : null;
        if (range != null) {
            return range;
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

    /**
     * {@code (column >= LOW AND column <= HIGH)} when {@code values} are two or more integers (within BIGINT) that
     * are exactly every integer from LOW to HIGH, as {@code validValues: [1, 2, 3, 4, 5]} or 0..364 are; otherwise
     * null. On an integer column it selects the same rows as the IN list (an integer is one of LOW..HIGH exactly
     * when it lies between them; null stays null), and it is cheaper: two comparisons instead of a hash lookup,
     * and DuckDB answers it from the Parquet footers' minimum and maximum where every row group lies in the
     * range, without reading the column.
     */
    static String integerRange(String column, List<?> values) {
        TreeSet<Long> distinct = new TreeSet<>();
        for (Object value : values) {
            if (value instanceof BigInteger big && big.bitLength() <= 63) {
                distinct.add(big.longValue());
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                distinct.add(((Number) value).longValue());
            } else {
                return null;
            }
        }
        if (distinct.size() < 2) {
            return null;
        }
        long low = distinct.first();
        long high = distinct.last();
        if (high - low != distinct.size() - 1L) { // a difference past Long.MAX_VALUE wraps to a negative: never equal
            return null;
        }
        String quoted = Sql.identifier(column);
        return "(" + quoted + " >= " + low + " AND " + quoted + " <= " + high + ")";
    }

    private static String text(String column, TypeFamily family) {
        return family == TypeFamily.STRING ? Sql.identifier(column)
                : "CAST(" + Sql.identifier(column) + " AS VARCHAR)";
    }
}
