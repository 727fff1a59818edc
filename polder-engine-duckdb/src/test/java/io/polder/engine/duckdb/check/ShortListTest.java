package io.polder.engine.duckdb.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Short value lists are a chain of equalities rather than a subquery (cheaper, and no join in the fused scan);
 * each must count exactly the rows the subquery counts, on every type a contract names values for, with values
 * that round, overflow, differ in case or trailing blanks, or are numbers against text. The reference is the
 * subquery form itself, run by DuckDB on the same rows.
 */
class ShortListTest {
    /** Column type, then the values stored in it as SQL text (cast to the type; NULL kept). */
    private static final String[][] COLUMNS = {
            {"VARCHAR", "'web'", "'store'", "'Web'", "'web '", "''", "'N/A'", "'n/a'", "'1'", "'1.0'", "'0'", "NULL"},
            {"TINYINT", "-128", "0", "1", "2", "127", "NULL"},
            {"INTEGER", "0", "1", "2", "3", "-1", "2147483647", "NULL"},
            {"BIGINT", "0", "1", "9223372036854775807", "-9223372036854775808", "NULL"},
            {"HUGEINT", "0", "1", "170141183460469231731687303715884105727", "-5", "NULL"},
            {"UBIGINT", "0", "1", "18446744073709551615", "NULL"},
            {"DECIMAL(12,2)", "2.50", "2.56", "2.55", "0.00", "1.00", "-3.10", "NULL"},
            {"DOUBLE", "2.5", "2.555", "0.1", "1", "-0.0", "'NaN'", "'Infinity'", "NULL"},
            {"FLOAT", "2.5", "0.1", "1", "NULL"},
            {"DATE", "'2024-01-01'", "'2024-02-29'", "NULL"},
            {"TIMESTAMP", "'2024-01-01 00:00:00'", "'2024-01-01 12:30:00'", "NULL"},
            {"BOOLEAN", "true", "false", "NULL"}};
    /** The lists a contract may give: text, whole numbers, fractions, huge numbers, mixed. */
    private static final List<List<Object>> LISTS = List.of(
            List.of("web", "store", "phone"), List.of("", "N/A"), List.of("1", "2"), List.of("2024-01-01"),
            List.of(0), List.of(1, 3), List.of(2.5, 0.1), List.of(new BigDecimal("2.555"), new BigDecimal("2.55")),
            List.of(new BigInteger("18446744073709551615"), 1), List.of(new BigInteger("170141183460469231731687303715884105727")),
            List.of(127, 128, -129), List.of(1, "web"), List.of(Double.NaN, 1.0),
            List.of(true), List.of(true, false), List.of(false));

    private static Connection duckdb;

    @BeforeAll
    static void values() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            for (String[] column : COLUMNS) {
                String rows = IntStream.range(1, column.length)
                        .mapToObj(i -> "(CAST(" + column[i] + " AS " + column[0] + "))").collect(Collectors.joining(", "));
                statement.execute("CREATE TABLE " + table(column[0]) + " AS SELECT * FROM (VALUES " + rows + ") AS t(v)");
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void aChainCountsWhatTheSubqueryCounts() throws SQLException {
        int compared = 0;
        for (String[] column : COLUMNS) {
            for (List<Object> list : LISTS) {
                String type = column[0];
                boolean booleans = type.equals("BOOLEAN") && list.stream().allMatch(value -> value instanceof Boolean);
                String chain = Predicates.invalid("v", type, list, null);
                String in = booleans ? "v IN (" + list.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"
                        : null;
                String reference = booleans ? "v IS NOT NULL AND NOT (" + in + ")"
                        : Predicates.invalid("v", type, withSubquery(list), null);
                String referenceMissing = booleans ? in : Predicates.missing("v", type, withSubquery(list));
                String what = type + " " + list;
                Long expected = count(type, reference);
                if (expected == null) {
                    continue; // DuckDB cannot compare these at all (a boolean list on a date, say): nothing to match
                }
                assertThat(count(type, chain)).as("invalid, " + what + ": " + chain).isEqualTo(expected);
                assertThat(count(type, Predicates.missing("v", type, list)))
                        .as("missing, " + what).isEqualTo(count(type, referenceMissing));
                compared++;
            }
        }
        assertThat(compared).as("pairs compared").isGreaterThan(COLUMNS.length * 8);
        assertThat(count("VARCHAR", Predicates.invalid("v", "VARCHAR", List.of("web", "store", "phone"), null)))
                .as("the oracle counts: 'Web', 'web ', '', 'N/A', 'n/a', '1', '1.0', '0' are not web/store/phone").isEqualTo(8);
    }

    @Test
    void shortListsAreEqualitiesAndLongOnesAHashLookup() {
        List<Object> shortList = new ArrayList<>(Collections.nCopies(3, "a"));
        shortList.addAll(IntStream.range(0, Predicates.SHORT_LIST - 1).mapToObj(i -> (Object) ("v" + i)).toList());
        assertThat(Predicates.missing("c", "VARCHAR", shortList)).doesNotContain("unnest").contains("\"c\" = 'v0' OR");
        List<Object> longList = IntStream.range(0, Predicates.SHORT_LIST + 1).mapToObj(i -> (Object) ("v" + i)).toList();
        assertThat(Predicates.missing("c", "VARCHAR", longList)).contains("IN (SELECT unnest([");
        assertThat(Predicates.missing("c", "VARCHAR", List.of("only"))).isEqualTo("\"c\" = 'only'");
        assertThat(Predicates.invalid("flag", "BOOLEAN", List.of(true, false), null)).as("every boolean is valid")
                .isEqualTo("\"flag\" IS NOT NULL AND NOT (\"flag\" IS NOT NULL)");
    }

    /**
     * UHUGEINT past BIGINT: DuckDB compares a number list with it as BIGINT and fails, so here the expected counts
     * are the Java ones, not the subquery's, in both forms (short and long).
     */
    @Test
    void unsignedHugeIntegersCompareAsThemselves() throws SQLException {
        BigInteger max = new BigInteger("340282366920938463463374607431768211455");
        BigInteger past64 = BigInteger.ONE.shiftLeft(64);
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE t_uhugeint AS SELECT CAST(v AS UHUGEINT) AS v FROM (VALUES ('0'), ('1'),"
                    + " ('" + past64 + "'), ('" + max + "'), (NULL)) AS t(v)");
        }
        List<Object> shortList = List.of(max, -1, past64.add(BigInteger.ONE), max.add(BigInteger.ONE));
        List<Object> longList = new ArrayList<>(List.of(max, 0));
        IntStream.range(0, Predicates.SHORT_LIST).forEach(i -> longList.add(1000 + i));
        longList.add(-1);
        assertThat(Predicates.invalid("v", "UHUGEINT", longList, null)).contains("unnest");
        assertThat(count("UHUGEINT", Predicates.invalid("v", "UHUGEINT", shortList, null))).as("0, 1, 2^64 are not listed").isEqualTo(3);
        assertThat(count("UHUGEINT", Predicates.missing("v", "UHUGEINT", shortList))).as("the maximum is").isEqualTo(1);
        assertThat(count("UHUGEINT", Predicates.invalid("v", "UHUGEINT", longList, null))).as("1 and 2^64").isEqualTo(2);
        assertThat(count("UHUGEINT", Predicates.missing("v", "UHUGEINT", longList))).as("0 and the maximum").isEqualTo(2);
    }

    /**
     * The same list with enough distinct filler values that {@link Predicates} writes the subquery form (the
     * reference: how every list was written before). The fillers are text no value above equals; a list of numbers
     * gets numbers instead, which no stored value equals either, so that it is still compared as numbers.
     */
    private static List<Object> withSubquery(List<Object> list) {
        List<Object> longer = new ArrayList<>(list);
        boolean numbers = list.stream().allMatch(value -> value instanceof Number);
        for (int i = 0; longer.size() <= Predicates.SHORT_LIST; i++) {
            longer.add(numbers ? (Object) (1_000_003 + i) : "filler " + i);
        }
        return longer;
    }

    private static Long count(String type, String predicate) throws SQLException {
        try (Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery("SELECT count_if(" + predicate + ") FROM " + table(type))) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return null;
        }
    }

    private static String table(String type) {
        return "t_" + type.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }
}
