package io.polder.spi.lineage;

/**
 * Receives the lineage events of builds as they happen (the registry stores them; an
 * {@link HttpLineageTransport} posts them to an OpenLineage endpoint). An engine also returns every event
 * in its {@link io.polder.spi.build.BuildResult}, so a listener is optional.
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
