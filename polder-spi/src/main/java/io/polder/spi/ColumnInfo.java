package io.polder.spi;

import static java.util.Objects.requireNonNull;

/** A column as the engine stores it: its name and the engine's name for its type (e.g. {@code DECIMAL(12,2)}). */
public record ColumnInfo(String name, String type) {
    public ColumnInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
