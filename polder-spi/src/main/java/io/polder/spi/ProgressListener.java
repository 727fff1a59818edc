package io.polder.spi;

/**
 * Receives progress of a build or a contract run, on the thread doing the work. Must return quickly and
 * must not throw; a listener that throws has its exception ignored.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void progress(Progress progress);
}
