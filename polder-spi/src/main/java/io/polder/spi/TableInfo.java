package io.polder.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One table of a snapshot: the rows and bytes written, and its columns. */
public record TableInfo(String name, long rows, long bytes, List<ColumnInfo> columns) {
    public TableInfo {
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }
}
