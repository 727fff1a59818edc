package io.polder.web.pages;

import io.polder.registry.usage.ConsumerUsage;
import io.polder.registry.usage.ProductUsage;
import java.util.List;

/**
 * The product page's usage section: the queries consumers ran through the gateway on the product's output
 * ports, one row per consumer, most queries first.
 *
 * @param complete true when the reader sees every consumer (an owner, platform-admin or governance); false when
 *                 the rows are only the reader's own
 */
public record UsageView(boolean complete, List<Row> consumers) {
    public UsageView {
        consumers = List.copyOf(consumers);
    }

    /** One consumer's queries by outcome, the rows they were returned, and when they last asked. */
    public record Row(String consumer, long queries, long answered, long refused, long failed, String rows,
                      String lastQuery) {
    }

    static UsageView of(ProductUsage usage) {
        return new UsageView(usage.complete(), usage.consumers().stream().map(UsageView::row).toList());
    }

    private static Row row(ConsumerUsage usage) {
        return new Row(usage.consumer(), usage.queries(), usage.succeeded(), usage.denied(), usage.failed(),
                String.format(java.util.Locale.ROOT, "%,d", usage.rows()),
                usage.lastQueryAt() == null ? null : ProductView.TIME.format(usage.lastQueryAt()));
    }

    public long totalQueries() {
        return consumers.stream().mapToLong(Row::queries).sum();
    }
}
