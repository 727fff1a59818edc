package io.polder.registry.catalog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A data product as the registry holds it: where it belongs, its current version, its lifecycle and its
 * revision.
 *
 * @param team the owning team's id, or null when the product names none
 * @param sunsetDate when a deprecated product will be retired; null otherwise
 * @param revision grows by one with every change of the product (a new version, a lifecycle change):
 *                 the value of optimistic concurrency (an HTTP ETag)
 */
public record Product(String id, String domain, String team, String name, String currentVersion,
                      LifecycleStatus status, LocalDate sunsetDate, long revision, Instant createdAt,
                      Instant updatedAt) {
}
