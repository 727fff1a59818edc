package io.polder.spi.settings;

import static java.util.Objects.requireNonNull;

/** A column a source is declared to have, with its SQL type (e.g. {@code BIGINT}, {@code DECIMAL(12,2)}). */
public record SourceColumn(String name, String type) {
    public SourceColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
