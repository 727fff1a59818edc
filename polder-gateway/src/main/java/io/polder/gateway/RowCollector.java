package io.polder.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A {@link RowSink} that keeps every row in memory: for small results and tests. */
public final class RowCollector implements RowSink {
    private List<ResultColumn> columns = List.of();
    private final List<List<Object>> rows = new ArrayList<>();

    @Override
    public void start(List<ResultColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(Object[] values) {
        rows.add(Collections.unmodifiableList(Arrays.asList(values)));
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The values of one column, by name. */
    public List<Object> column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                int index = i;
                return rows.stream().map(row -> row.get(index)).toList();
            }
        }
        throw new IllegalArgumentException("the result has no column " + name + "; it has " + columns);
    }
}
