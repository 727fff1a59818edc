package io.polder.registry.usage;

import java.time.Instant;

/**
 * How one consumer used a product's output ports: queries by outcome, rows returned, the last query.
 *
 * @param consumer the principal's name
 */
public record ConsumerUsage(String consumer, long queries, long succeeded, long denied, long failed, long rows,
                            Instant lastQueryAt) {
}
