package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import io.polder.spi.TableInfo;
import io.polder.spi.check.CheckRun;
import java.util.List;

/**
 * What a build did for one output port.
 *
 * @param snapshot the candidate written, or null when none was completed
 * @param checks the contract run on the candidate, or null when none ran
 * @param published the snapshot published after the build: the new one, or the previous one that stayed
 *                  (null when the port has never published)
 */
public record PortBuild(PortRef port, PortOutcome outcome, SnapshotId snapshot, List<TableInfo> tables,
                        CheckRun checks, SnapshotId published) {
    public PortBuild {
        requireNonNull(port, "port is null");
        requireNonNull(outcome, "outcome is null");
        tables = List.copyOf(tables);
    }
}
