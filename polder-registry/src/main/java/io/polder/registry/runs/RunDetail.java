package io.polder.registry.runs;

import java.util.List;

/**
 * A run with what it did per port, its check results and its OpenLineage events.
 *
 * @param lineage the OpenLineage run events as they were emitted (START, then COMPLETE or FAIL), as JSON objects
 */
public record RunDetail(Run run, List<RunPort> ports, List<RunCheck> checks, List<Object> lineage) {
    public RunDetail {
        ports = List.copyOf(ports);
        checks = List.copyOf(checks);
        lineage = List.copyOf(lineage);
    }
}
