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
     * a machine that gets busier or quieter during the measurement affects them all alike; each round starts
     * one task further on, and each run waits a moment for the one before to settle.
     */
    static java.util.Map<String, Long> interleaved(int warmups, int runs, java.util.Map<String, Callable<?>> tasks)
            throws Exception {
        java.util.Map<String, Long> medians = new java.util.LinkedHashMap<>();
        interleavedTimings(warmups, runs, tasks).forEach((name, timing) -> medians.put(name, timing.wallNanos()));
        return medians;
    }

    /**
     * A task's median wall time and median CPU time of this process (every thread: the JVM's and an embedded
     * engine's native ones) over the same runs. On a machine others share, the CPU time is the steadier figure:
     * it does not grow while the process waits for a core.
     */
    record Timing(long wallNanos, long cpuNanos) {
    }

    /** Like {@link #interleaved}, with the CPU time of each run beside its wall time. */
    static java.util.Map<String, Timing> interleavedTimings(int warmups, int runs,
                                                          java.util.Map<String, Callable<?>> tasks) throws Exception {
        for (int i = 0; i < warmups; i++) {
            for (Callable<?> task : tasks.values()) {
                task.call();
            }
        }
        java.util.Map<String, long[]> times = new java.util.LinkedHashMap<>();
        java.util.Map<String, long[]> cpu = new java.util.LinkedHashMap<>();
        tasks.keySet().forEach(name -> {
            times.put(name, new long[runs]);
            cpu.put(name, new long[runs]);
        });
        java.util.List<java.util.Map.Entry<String, Callable<?>>> order = new java.util.ArrayList<>(tasks.entrySet());
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < order.size(); k++) {
                // each round starts one task further on, so that no task always follows the same one
                java.util.Map.Entry<String, Callable<?>> task = order.get((i + k) % order.size());
                settle();
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                if (task.getValue().call() == null) {
                    throw new IllegalStateException("the measured task produced nothing");
                }
                times.get(task.getKey())[i] = System.nanoTime() - start;
                cpu.get(task.getKey())[i] = processCpuNanos() - cpuStart;
            }
        }
        java.util.Map<String, Timing> medians = new java.util.LinkedHashMap<>();
        times.forEach((name, samples) -> {
            long[] cpuSamples = cpu.get(name);
            Arrays.sort(samples);
            Arrays.sort(cpuSamples);
            medians.put(name, new Timing(samples[runs / 2], cpuSamples[runs / 2]));
        });
        return medians;
    }

    /**
     * A pause before each measured run, so that what the run before left behind (an embedded engine's threads
     * winding down, memory being given back) is not timed as part of the next task.
     */
    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
    }

    private static final long SETTLE_MILLIS = 300;

    /** The CPU time this process has used so far, or -1 where the platform does not say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%,.1f ms", nanos / 1e6);
    }

    static String ratio(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.2fx", ratio);
    }
}
