package io.polder.engine.duckdb.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid (or missing) values that are every integer of a range become a range predicate on an integer column; it
 * must count exactly the rows the list does (a short list is itself a chain of equalities, ShortListTest). (UHUGEINT keeps the list: DuckDB casts it to BIGINT to compare with
 * a BIGINT, which fails on values past BIGINT; ShortListTest covers its lists.) Counted by DuckDB over columns of every integer type holding the
 * type's extremes, values around each range's ends, and nulls; the expected counts are computed here, in Java,
 * from the values DuckDB returns.
 */
class IntegerRangeTest {
    private static final List<String> TYPES = List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
    /** {low, high}: inside small types, across zero, past a small type's ends, negative, at BIGINT's ends. */
    private static final long[][] RANGES = {{0, 364}, {1, 50}, {-5, 5}, {-1, 0}, {100, 300}, {-300, -100},
            {250, 260}, {-129, 128}, {65530, 65540}, {Long.MAX_VALUE - 2, Long.MAX_VALUE},
            {Long.MIN_VALUE, Long.MIN_VALUE + 3}, {4_294_967_290L, 4_294_967_300L}};

    private static Connection duckdb;

    @BeforeAll
    static void values() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        List<String> literals = new ArrayList<>();
        LongStream.rangeClosed(-400, 400).forEach(value -> literals.add(Long.toString(value)));
        for (long[] range : RANGES) {
            for (long delta = -2; delta <= 2; delta++) {
                literals.add(BigInteger.valueOf(range[0]).add(BigInteger.valueOf(delta)).toString());
                literals.add(BigInteger.valueOf(range[1]).add(BigInteger.valueOf(delta)).toString());
            }
        }
        for (String extreme : List.of("127", "-128", "255", "32767", "-32768", "65535", "2147483647", "-2147483648",
                "4294967295", "9223372036854775807", "-9223372036854775808", "18446744073709551615",
                "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
                "340282366920938463463374607431768211455")) {
            literals.add(extreme);
        }
        try (Statement statement = duckdb.createStatement()) {
            StringBuilder columns = new StringBuilder();
            for (String type : TYPES) {
                columns.append(columns.isEmpty() ? "" : ", ").append("TRY_CAST(v AS ").append(type).append(") AS \"")
                        .append(type.toLowerCase()).append('"');
            }
            statement.execute("CREATE TABLE numbers AS SELECT " + columns + " FROM (SELECT unnest(["
                    + String.join(", ", literals.stream().map(literal -> "'" + literal + "'").toList())
                    + ", NULL]) AS v)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
            "UBIGINT"})
    void aRangeCountsWhatItsListCounts(String type) throws SQLException {
        String column = type.toLowerCase();
        List<BigInteger> values = columnValues(column);
        for (long[] range : RANGES) {
            List<Object> list = new ArrayList<>();
            Set<BigInteger> set = new HashSet<>();
            for (long value = range[0]; ; value++) {
                list.add(value);
                set.add(BigInteger.valueOf(value));
                if (value == range[1]) {
                    break;
                }
            }
            assertThat(Predicates.invalid(column, type, list, null)).as("a range on " + type).contains(" >= ");
            long invalid = values.stream().filter(value -> value != null && !set.contains(value)).count();
            long missing = values.stream().filter(value -> value != null && set.contains(value)).count();
            String what = type + " " + range[0] + ".." + range[1];
            assertThat(count(Predicates.invalid(column, type, list, null))).as("invalid, " + what)
                    .isEqualTo(invalid);
            assertThat(count(Predicates.missing(column, type, list))).as("missing, " + what)
                    .isEqualTo(missing);
        }
    }

    @Test
    void onlyEveryIntegerOfARangeIsARange() {
        assertThat(Predicates.integerRange("n", List.of(3, 1, 2, 2))).isEqualTo("(\"n\" >= 1 AND \"n\" <= 3)");
        assertThat(Predicates.integerRange("n", List.of(1L, BigInteger.TWO, (short) 3))).isNotNull();
        assertThat(Predicates.integerRange("n", List.of(1, 2, 4))).as("a gap").isNull();
        assertThat(Predicates.integerRange("n", List.of(7))).as("one value").isNull();
        assertThat(Predicates.integerRange("n", List.of(1, 2.0))).as("a double").isNull();
        assertThat(Predicates.integerRange("n", List.of(1, "2"))).as("text").isNull();
        assertThat(Predicates.integerRange("n", List.of(Long.MIN_VALUE, Long.MAX_VALUE))).as("a wrapping difference").isNull();
        assertThat(Predicates.integerRange("n", List.of(BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(63)
                .add(BigInteger.ONE)))).as("past BIGINT").isNull();
    }

    @Test
    void otherListsAndOtherColumnsKeepTheList() throws SQLException {
        List<Object> gap = List.of(1, 2, 4);
        assertThat(Predicates.invalid("integer", "INTEGER", gap, null)).doesNotContain(" >= ");
        long expected = columnValues("integer").stream()
                .filter(value -> value != null && !Set.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(4)).contains(value))
                .count();
        assertThat(count(Predicates.invalid("integer", "INTEGER", gap, null))).isEqualTo(expected);
        assertThat(Predicates.invalid("price", "DECIMAL(12,2)", List.of(1, 2, 3), null)).as("2.5 is between, not in")
                .doesNotContain(" >= ");
        assertThat(Predicates.invalid("score", "DOUBLE", List.of(1, 2, 3), null)).doesNotContain(" >= ");
        assertThat(Predicates.invalid("code", "VARCHAR", List.of(1, 2, 3), null)).doesNotContain(" >= ");
        assertThat(Predicates.invalid("big", "VARINT", List.of(1, 2, 3), null)).doesNotContain(" >= ");
        assertThat(Predicates.invalid("uhugeint", "UHUGEINT", List.of(1, 2, 3), null)).doesNotContain(" >= ");
    }

    private static List<BigInteger> columnValues(String column) throws SQLException {
        List<BigInteger> values = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery("SELECT CAST(\"" + column + "\" AS VARCHAR) FROM numbers")) {
            while (result.next()) {
                String text = result.getString(1);
                values.add(text == null ? null : new BigInteger(text));
            }
        }
        return values;
    }

    private static long count(String predicate) throws SQLException {
        try (Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery("SELECT count_if(" + predicate + ") FROM numbers")) {
            result.next();
            return result.getLong(1);
        }
    }
}
