package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The row-filter check without a gateway, as an approval uses it: the same verdicts as the gateway's own. */
class RowFilterCheckerTest {
    private static final List<String> COLUMNS = List.of("customer_id", "country_code", "email");
    private static RowFilterChecker checker;

    @BeforeAll
    static void open() {
        checker = RowFilterChecker.open();
    }

    @AfterAll
    static void close() {
        checker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"country_code = 'NL'", "country_code IN ('NL', 'BE') AND customer_id > 10",
        "lower(email) LIKE '%@acme.example'"})
    void filtersOverTheColumnsPass(String sql) {
        assertThatCode(() -> checker.check(new RowFilter(sql), COLUMNS, "the row filter")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"country_code = 'NL') UNION SELECT * FROM secrets WHERE (true",
        "customer_id IN (SELECT 1)", "count(*) > 0", "country_code = 'NL'; SELECT 1", "getvariable('k') = 1"})
    void anythingElseIsRefused(String sql) {
        assertThatThrownBy(() -> checker.check(new RowFilter(sql), COLUMNS, "the row filter for \"a/b\".t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the row filter for \"a/b\".t");
    }

    @Test
    void anUnknownColumnIsNamed() {
        assertThatThrownBy(() -> checker.check(new RowFilter("region = 'EU'"), COLUMNS, "the row filter"))
                .hasMessageContaining("names the column region, which the relation does not have")
                .hasMessageContaining("customer_id, country_code, email");
    }
}
