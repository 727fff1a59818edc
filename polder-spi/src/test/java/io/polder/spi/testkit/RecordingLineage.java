package io.polder.spi.testkit;

import io.polder.spi.lineage.LineageListener;
import io.polder.spi.lineage.RunEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects the lineage events an engine emits. */
public final class RecordingLineage implements LineageListener {
    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(RunEvent event) {
        events.add(event);
    }

    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }
}
