package io.polder.spi.lineage;

/**
 * Receives the lineage events of builds as they happen (the registry stores them; an
 * {@link HttpLineageTransport} posts them to an OpenLineage endpoint). An engine also returns every event
 * in its {@link io.polder.spi.build.BuildResult}, so a listener is optional. The final event of a build requested
 * without publishing is emitted by the build's caller, not the engine, once it has published (see
 * {@link io.polder.spi.build.BuildResult}): a caller that builds so gives its engine's listener to whatever ends the run.
 */
@FunctionalInterface
public interface LineageListener {
    LineageListener NONE = event -> { };

    /** @throws LineageDeliveryException when the event could not be delivered; the build goes on and records a warning */
    void emit(RunEvent event);

    /** A listener that passes each event to {@code this}, then to {@code next}, even when the first one fails. */
    default LineageListener andThen(LineageListener next) {
        return event -> {
            try {
                emit(event);
            } finally {
                next.emit(event);
            }
        };
    }
}
