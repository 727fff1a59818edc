package io.polder.gateway;

import static java.util.Objects.requireNonNull;

/**
 * A column of a granted relation: its name and engine type as published, and the mask the consumer sees it
 * through.
 */
public record GrantedColumn(String name, String type, ColumnMask mask) {
    public GrantedColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(mask, "mask is null");
    }
}
