package io.polder.spi;

import static java.util.Objects.requireNonNull;

/**
 * A step of long work, for a progress display: the stage, what it is working on, and the rows done so far.
 *
 * @param subject what the stage is working on (a table, a source, a port), or null; for {@link Stage#WAITING}, what
 *                the run waits for ({@link Stage#WAITING_FOR_BUILD}, {@link Stage#WAITING_FOR_TEST})
 * @param rows rows read, written or checked so far in this step; -1 when not counted
 * @param snapshot the snapshot being written or checked, or null
 */
public record Progress(String runId, Stage stage, String subject, long rows, SnapshotId snapshot, String message) {
    public Progress {
        requireNonNull(runId, "runId is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(message, "message is null");
    }
}
