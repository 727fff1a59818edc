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
    /** Lists up to this long are a chain of equalities rather than a hash lookup (see {@link #in}). */
    static final int SHORT_LIST = 32;

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
        if (missing.stream().anyMatch(value -> value == null)) {
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
     * given; a GLOB where {@link RegexGlob} finds one that matches the same strings, else RE2). Nulls are not
     * invalid: they are counted by nullValues and missingValues.
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
            String glob = RegexGlob.of(pattern);
            valid.add(glob != null ? text(column, family) + " GLOB " + Sql.literal(glob)
                    : "regexp_matches(" + text(column, family) + ", " + Sql.literal(pattern) + ")");
        }
        return Sql.identifier(column) + " IS NOT NULL AND NOT (" + String.join(" AND ", valid) + ")";
    }

    /**
     * A predicate true where the column holds one of {@code values}, or null for no values. How DuckDB is asked
     * matters more than anything else in a contract run (ten million rows, measured in the engine benchmark):
     * <ul>
     * <li>integers that make a contiguous range on an integer column (of the {@link #RANGED_TYPES}) are a range
     *     ({@link #integerRange}), often answered from the footers;</li>
     * <li>both booleans are every non-null boolean;</li>
     * <li>up to {@value #SHORT_LIST} values are a chain of equalities, {@code (c = 'a' OR c = 'b')}: vectorised
     *     comparisons, about a third of the cost of the subquery below, and, unlike it, no join in the fused
     *     scan (five short lists as subqueries made the scan's join work cost as much as the scan);</li>
     * <li>longer lists are {@code column IN (SELECT unnest([...]))}: a hash lookup. A literal IN list DuckDB
     *     evaluates as a chain of comparisons over a list on every row, slower than both (365 values took
     *     seconds per rule).</li>
     * </ul>
     * Each selects the same rows as the IN list: a null is in no list (and null in, null out, as IN). Numbers
     * that are not all whole keep the subquery: compared one by one, a fraction or NaN would be cast to the
     * column's type (NaN to an integer fails), where the list compares as its own common type. On UHUGEINT each
     * whole number is cast to UHUGEINT first (DuckDB would compare both as BIGINT and fail past it); one that is
     * no UHUGEINT (negative, too large) is left out, as it equals no value of the column.
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
            List<String> booleans = values.stream().map(String::valueOf).distinct().toList();
            return booleans.size() == 2 ? Sql.identifier(column) + " IS NOT NULL"
                    : Sql.identifier(column) + " = " + booleans.getFirst();
        }
        boolean numeric = family.isNumeric() && values.stream().allMatch(value -> value instanceof Number);
        String compared = numeric ? Sql.identifier(column) : text(column, family);
        boolean whole = numeric && values.stream().allMatch(Predicates::wholeNumber);
        boolean unsigned128 = whole && type.trim().equalsIgnoreCase("UHUGEINT");
        List<String> literals = values.stream()
                .filter(value -> !unsigned128 || unsigned128((Number) value))
                .map(value -> unsigned128 ? "CAST(" + Sql.literal(value.toString()) + " AS UHUGEINT)"
                        : numeric ? Sql.number((Number) value) : Sql.literal(String.valueOf(value)))
                .distinct().toList();
        if (literals.isEmpty()) {
            return null;
        }
        boolean comparable = !numeric || whole;
        if (literals.size() <= SHORT_LIST && comparable) {
            return literals.stream().map(literal -> compared + " = " + literal)
                    .collect(Collectors.joining(" OR ", literals.size() == 1 ? "" : "(", literals.size() == 1 ? "" : ")"));
        }
        return compared + " IN (SELECT unnest([" + String.join(", ", literals) + "]))";
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

    private static boolean unsigned128(Number value) {
        BigInteger number = value instanceof BigInteger big ? big : BigInteger.valueOf(value.longValue());
        return number.signum() >= 0 && number.bitLength() <= 128;
    }

    private static boolean wholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    private static String text(String column, TypeFamily family) {
        return family == TypeFamily.STRING ? Sql.identifier(column)
                : "CAST(" + Sql.identifier(column) + " AS VARCHAR)";
    }
}
