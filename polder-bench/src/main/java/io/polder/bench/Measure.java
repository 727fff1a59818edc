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

    /**
     * The median wall times of several tasks measured in turns (one run of each, then the next round), so that
     * a machine that gets busier or quieter during the measurement affects them all alike.
     */
    static java.util.Map<String, Long> interleaved(int warmups, int runs, java.util.Map<String, Callable<?>> tasks)
            throws Exception {
        for (int i = 0; i < warmups; i++) {
            for (Callable<?> task : tasks.values()) {
                task.call();
            }
        }
        java.util.Map<String, long[]> times = new java.util.LinkedHashMap<>();
        tasks.keySet().forEach(name -> times.put(name, new long[runs]));
        for (int i = 0; i < runs; i++) {
            for (java.util.Map.Entry<String, Callable<?>> task : tasks.entrySet()) {
                long start = System.nanoTime();
                if (task.getValue().call() == null) {
                    throw new IllegalStateException("the measured task produced nothing");
                }
                times.get(task.getKey())[i] = System.nanoTime() - start;
            }
        }
        java.util.Map<String, Long> medians = new java.util.LinkedHashMap<>();
        times.forEach((name, samples) -> {
            Arrays.sort(samples);
            medians.put(name, samples[runs / 2]);
        });
        return medians;
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%,.1f ms", nanos / 1e6);
    }

    static String ratio(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.2fx", ratio);
    }
}
