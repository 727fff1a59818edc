package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.spi.PortRef;
import io.polder.spi.lineage.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of one build run, for the registry to store and the CLI to print. A build reports its failures
 * here rather than throwing, so that the run, its lineage (START and FAIL) and what stayed published are
 * recorded whatever happened.
 *
 * @param failure why the build failed before its checks could decide, or null
 * @param lineage the OpenLineage events emitted, START first
 * @param warnings things worth knowing that did not fail the build (such as a lineage endpoint that did not answer)
 */
public record BuildResult(String runId, String productId, BuildOutcome outcome, Instant startedAt, Instant finishedAt,
                          List<PortBuild> ports, RunFailure failure, List<RunEvent> lineage, List<String> warnings) {
    public BuildResult {
        requireNonNull(runId, "runId is null");
        requireNonNull(productId, "productId is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        ports = List.copyOf(ports);
        lineage = List.copyOf(lineage);
        warnings = List.copyOf(warnings);
    }

    public boolean succeeded() {
        return outcome == BuildOutcome.SUCCEEDED;
    }

    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt);
    }

    public Optional<PortBuild> port(PortRef ref) {
        return ports.stream().filter(port -> port.port().equals(ref)).findFirst();
    }

    public Optional<RunFailure> failureIfAny() {
        return Optional.ofNullable(failure);
    }
}
