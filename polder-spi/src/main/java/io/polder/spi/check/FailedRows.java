package io.polder.spi.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A few rows that made a check fail, for diagnosis. Columns the contract classifies as personal or
 * restricted are never included: they are named in {@code omittedColumns} instead.
 *
 * @param rows values as JSON-friendly Java objects (String, Number, Boolean, null), one list per row in
 *             the order of {@code columns}
 */
public record FailedRows(List<String> columns, List<List<Object>> rows, List<String> omittedColumns) {
    public FailedRows {
        columns = List.copyOf(columns);
        List<List<Object>> copies = new ArrayList<>(rows.size());
        rows.forEach(row -> copies.add(Collections.unmodifiableList(new ArrayList<>(row))));
        rows = Collections.unmodifiableList(copies);
        omittedColumns = List.copyOf(omittedColumns);
    }
}
