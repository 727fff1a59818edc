package io.polder.registry.catalog;

import java.time.Instant;

/** A data contract, published by one product. */
public record Contract(String id, String productId, String name, String currentVersion, String status,
                       Instant createdAt, Instant updatedAt) {
}
