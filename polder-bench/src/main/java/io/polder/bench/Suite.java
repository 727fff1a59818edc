package io.polder.bench;

import java.io.PrintStream;

/** One benchmark suite: measures, prints figures and ratios, and says whether its targets were met. */
interface Suite {
    String name();

    String description();

    /** Runs the suite; returns true when every target it checks was met. */
    boolean run(BenchOptions options, PrintStream out) throws Exception;
}
