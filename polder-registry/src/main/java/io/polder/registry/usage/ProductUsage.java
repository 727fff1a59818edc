package io.polder.registry.usage;

import java.util.List;

/**
 * The usage of one product's output ports, per consumer, most queries first.
 *
 * @param complete true when the reader sees every consumer's usage (an owner of the product, platform-admin or
 *                 governance); false when they see only their own
 */
public record ProductUsage(String product, boolean complete, List<ConsumerUsage> consumers) {
    public ProductUsage {
        consumers = List.copyOf(consumers);
    }
}
