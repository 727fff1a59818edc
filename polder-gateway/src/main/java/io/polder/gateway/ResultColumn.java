package io.polder.gateway;

import static java.util.Objects.requireNonNull;

/** A column of a query's result: its name and DuckDB's name for its type. */
public record ResultColumn(String name, String type) {
    public ResultColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
