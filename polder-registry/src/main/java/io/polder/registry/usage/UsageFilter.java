package io.polder.registry.usage;

import io.polder.registry.Names;

/**
 * Which usage to list; null fields do not filter.
 *
 * @param product only queries that read (or named) an output port of this product
 * @param principal only queries of this principal
 */
public record UsageFilter(String product, String principal, UsageOutcome outcome) {
    public UsageFilter {
        if (product != null) {
            Names.requireId("product", product);
        }
        if (principal != null) {
            Names.requirePrincipal(principal);
        }
    }

    public static UsageFilter all() {
        return new UsageFilter(null, null, null);
    }
}
