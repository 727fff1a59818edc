package io.polder.server.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus counter family: one count per label set. */
final class Counter {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> counts = new ConcurrentHashMap<>();

    Counter(String name, String help, String... labelNames) {
        this.name = requireNonNull(name, "name is null");
        this.help = requireNonNull(help, "help is null");
        this.labelNames = List.of(labelNames);
    }

    void increment(String... labelValues) {
        Labels.requireArity(labelNames, labelValues);
        counts.computeIfAbsent(List.of(labelValues), key -> new LongAdder()).increment();
    }

    void writeTo(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey(Counter::compare)).forEach(entry ->
                out.append(name).append(Labels.format(labelNames, entry.getKey(), null, null)).append(' ')
                        .append(entry.getValue().sum()).append('\n'));
    }

    static int compare(List<String> left, List<String> right) {
        return String.join("\u0000", left).compareTo(String.join("\u0000", right));
    }
}
