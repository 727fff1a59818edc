package io.polder.registry.catalog;

import java.time.Instant;
import java.util.List;

/** A business domain as the registry holds it, with the principals that own it. */
public record Domain(String id, String name, String description, List<String> owners, Instant createdAt,
                     Instant updatedAt) {
    public Domain {
        owners = List.copyOf(owners);
    }
}
