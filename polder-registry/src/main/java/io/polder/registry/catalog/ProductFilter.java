package io.polder.registry.catalog;

import io.polder.registry.Names;

/** Which products to list; null components do not filter. */
public record ProductFilter(String domain, String team, LifecycleStatus status) {
    public ProductFilter {
        if (domain != null) {
            Names.requireId("domain", domain);
        }
        if (team != null) {
            Names.requireId("team", team);
        }
    }

    public static ProductFilter all() {
        return new ProductFilter(null, null, null);
    }

    public static ProductFilter inDomain(String domain) {
        return new ProductFilter(domain, null, null);
    }
}
