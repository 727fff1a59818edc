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
 * <p>A build that publishes ends its lineage itself: {@code lineage} is START then COMPLETE or FAIL, all emitted to the
 * engine's {@link io.polder.spi.lineage.LineageListener}. A build requested without publishing
 * ({@link BuildRequest#withoutPublishing()}) does not know how its run ends, since its caller publishes: the engine
 * emits START only, and hands the run's final event over prepared, in {@code pendingFinalEvent}. The caller emits it
 * once the outcome is known, through the same listener (the one it gave the engine in its
 * {@link io.polder.spi.EngineContext}): as it is, re-stamped with {@link RunEvent#at}, or turned into a FAIL naming
 * why publishing failed ({@link RunEvent#failedAt}). So whoever listens sees START, then exactly one of COMPLETE or
 * FAIL, and COMPLETE only once the run's snapshots are published.
 *
 * @param failure why the build failed before its checks could decide, or null
 * @param lineage the OpenLineage events emitted, START first
 * @param warnings things worth knowing that did not fail the build (such as a lineage endpoint that did not answer)
 * @param pendingFinalEvent the run's final event (COMPLETE when the build succeeded, FAIL otherwise), prepared and not
 *                          emitted, for the caller of a build without publishing to end the run's lineage with; null
 *                          when the engine emitted it (it is then the last of {@code lineage})
 */
public record BuildResult(String runId, String productId, BuildOutcome outcome, Instant startedAt, Instant finishedAt,
                          List<PortBuild> ports, RunFailure failure, List<RunEvent> lineage, List<String> warnings,
                          RunEvent pendingFinalEvent) {
    public BuildResult {
        requireNonNull(runId, "runId is null");
        requireNonNull(productId, "productId is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        ports = List.copyOf(ports);
        lineage = List.copyOf(lineage);
        warnings = List.copyOf(warnings);
        if (pendingFinalEvent != null && pendingFinalEvent.eventType() == RunEvent.EventType.START) {
            throw new IllegalArgumentException("the pending final event of run " + runId + " is a START event");
        }
    }

    /** The result of a build whose lineage has ended: every event emitted, none pending. */
    public BuildResult(String runId, String productId, BuildOutcome outcome, Instant startedAt, Instant finishedAt,
                       List<PortBuild> ports, RunFailure failure, List<RunEvent> lineage, List<String> warnings) {
        this(runId, productId, outcome, startedAt, finishedAt, ports, failure, lineage, warnings, null);
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

    /** The final event the caller must emit, when the build did not publish (see the class comment). */
    public Optional<RunEvent> pendingFinalEventIfAny() {
        return Optional.ofNullable(pendingFinalEvent);
    }
}
