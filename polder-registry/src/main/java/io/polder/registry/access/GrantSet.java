package io.polder.registry.access;

import java.util.List;

/**
 * What one principal may read at one moment: the grants that work, and the ones that lapsed (expired or
 * revoked; the newest per product and port), so a refusal can say when and why access ended.
 */
public record GrantSet(List<Grant> active, List<Grant> lapsed) {
    public GrantSet {
        active = List.copyOf(active);
        lapsed = List.copyOf(lapsed);
    }
}
