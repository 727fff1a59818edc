package io.polder.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of single requests, in nanoseconds, and their percentiles (nearest rank). */
record Latencies(long[] sorted) {
    Latencies {
        sorted = sorted.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no latencies measured");
        }
    }

    long percentile(int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long p50() {
        return percentile(50);
    }

    long p95() {
        return percentile(95);
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    String describe() {
        return String.format(Locale.ROOT, "p50 %s  p95 %s  max %s  (%,d requests)", Measure.millis(p50()),
                Measure.millis(p95()), Measure.millis(max()), sorted.length);
    }
}
