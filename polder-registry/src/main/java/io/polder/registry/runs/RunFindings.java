package io.polder.registry.runs;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What the policies in force say of a product once a build or contract run of it has recorded its results: lines
 * that become the run's warnings. Read with the handle of the transaction that finishes the run, so it sees the
 * run's new check results, and the run is finished and its findings are written in one commit: no reader, on any
 * server, sees the run finished without them.
 */
@FunctionalInterface
public interface RunFindings {
    /** No findings (no policies). */
    RunFindings NONE = (handle, productId) -> List.of();

    /** The findings on {@code productId}, read with {@code handle} (it must only read). */
    List<String> of(Handle handle, String productId);
}
