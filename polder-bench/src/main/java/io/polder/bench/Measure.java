package io.polder.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A plain harness: runs a task a few times to warm up, then measures several runs and keeps the median,
 * which is steadier than the mean on a shared 2-core machine.
 */
final class Measure {
    private Measure() {
    }

    /** The median wall time, in nanoseconds, of {@code runs} runs after {@code warmups} unmeasured ones. */
    static long median(int warmups, int runs, Callable<?> task) throws Exception {
        Object sink = null;
        for (int i = 0; i < warmups; i++) {
            sink = task.call();
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink = task.call();
            times[i] = System.nanoTime() - start;
        }
        if (sink == null) {
            throw new IllegalStateException("the measured task produced nothing");
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%,.1f ms", nanos / 1e6);
    }

    static String ratio(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.2fx", ratio);
    }
}
