package io.polder.flight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DuckDB's type names, as its JDBC driver reports them, and the Arrow types they are sent as. */
class ArrowColumnsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BIGINT|Int(64, true)",
        "INTEGER|Int(32, true)",
        "SMALLINT|Int(16, true)",
        "TINYINT|Int(8, true)",
        "UINTEGER|Int(64, true)",
        "UTINYINT|Int(16, true)",
        "DOUBLE|FloatingPoint(DOUBLE)",
        "FLOAT|FloatingPoint(SINGLE)",
        "DECIMAL(12,2)|Decimal(12, 2, 128)",
        "DECIMAL(38,10)|Decimal(38, 10, 128)",
        "decimal(4, 0)|Decimal(4, 0, 128)",
        "VARCHAR|Utf8",
        "BOOLEAN|Bool",
        "DATE|Date(DAY)",
        "TIMESTAMP|Timestamp(MICROSECOND, null)",
        "TIMESTAMP_NS|Timestamp(MICROSECOND, null)",
        "TIMESTAMP WITH TIME ZONE|Timestamp(MICROSECOND, UTC)",
        "TIMESTAMPTZ|Timestamp(MICROSECOND, UTC)",
        "FLOAT8|FloatingPoint(DOUBLE)",
        "HUGEINT|Utf8",
        "UBIGINT|Utf8",
        "TIME|Time(MICROSECOND, 64)",
        "INTERVAL|Utf8",
        "UUID|Utf8",
        "BLOB|Binary",
        "INTEGER[]|Utf8",
        "STRUCT(a INTEGER)|Utf8",
    })
    void duckdbTypesMapToArrowTypes(String duckdb, String arrow) {
        assertThat(ArrowColumns.arrowType(duckdb)).hasToString(arrow);
    }
}
