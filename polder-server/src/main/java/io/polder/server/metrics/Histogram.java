package io.polder.server.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram family: cumulative bucket counts, a sum and a count per label set. */
final class Histogram {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final List<String> labelNames;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    Histogram(String name, String help, double[] bounds, String... labelNames) {
        this.name = requireNonNull(name, "name is null");
        this.help = requireNonNull(help, "help is null");
        this.bounds = bounds.clone();
        this.labelNames = List.of(labelNames);
    }

    void observe(double value, String... labelValues) {
        Labels.requireArity(labelNames, labelValues);
        series.computeIfAbsent(List.of(labelValues), key -> new Series(bounds.length)).observe(bounds, value);
    }

    void writeTo(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        series.entrySet().stream().sorted(Map.Entry.comparingByKey(Counter::compare))
                .forEach(entry -> write(out, entry.getKey(), entry.getValue()));
    }

    private void write(StringBuilder out, List<String> labelValues, Series values) {
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += values.buckets[i].sum();
            out.append(name).append("_bucket")
                    .append(Labels.format(labelNames, labelValues, "le", BigDecimal.valueOf(bounds[i]).toPlainString()))
                    .append(' ').append(cumulative).append('\n');
        }
        long count = values.count.sum();
        out.append(name).append("_bucket").append(Labels.format(labelNames, labelValues, "le", "+Inf"))
                .append(' ').append(count).append('\n');
        out.append(name).append("_sum").append(Labels.format(labelNames, labelValues, null, null)).append(' ')
                .append(values.sum.sum()).append('\n');
        out.append(name).append("_count").append(Labels.format(labelNames, labelValues, null, null)).append(' ')
                .append(count).append('\n');
    }

    /** One label set's observations: per-bucket (not yet cumulative) counts, sum and count. */
    private static final class Series {
        private final LongAdder[] buckets;
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        Series(int size) {
            buckets = new LongAdder[size];
            for (int i = 0; i < size; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double[] bounds, double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            sum.add(value);
            count.increment();
        }
    }
}
