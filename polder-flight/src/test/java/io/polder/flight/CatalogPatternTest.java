package io.polder.flight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter patterns of GetDbSchemas and GetTables: {@code %}, {@code _} and {@code \} escapes, nothing else special. */
class CatalogPatternTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%|sales-orders/orders|true",
        "sales-%|sales-orders/orders|true",
        "sales-%|customer-profiles/customers|false",
        "sales_orders/orders|sales-orders/orders|true",
        "sales\\_orders/orders|sales-orders/orders|false",
        "sales\\_orders/orders|sales_orders/orders|true",
        "orders|Orders|false",
        "orders.*|orders_v|false",
        "(.*)|anything|false",
    })
    void patternsMatchAsFlightSqlSays(String pattern, String name, boolean matches) {
        assertThat(CatalogStreams.like(pattern).matcher(name).matches()).isEqualTo(matches);
    }
}
