package io.polder.gateway;

import java.io.IOException;
import java.util.List;

/**
 * Where a query's rows go, as they are read: an HTTP response (JSON, CSV), a terminal, a test's list. Rows
 * are not collected by the gateway, so a large result streams in the memory of one row.
 */
public interface RowSink {
    /** Called once, before any row, with the result's columns. */
    void start(List<ResultColumn> columns) throws IOException;

    /**
     * One row, its values in column order as DuckDB's JDBC driver returns them (String, Long, BigDecimal,
     * LocalDate, OffsetDateTime, ...; null for NULL). The array is not reused.
     */
    void row(Object[] values) throws IOException;
}
