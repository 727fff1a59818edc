package io.polder.spi.lineage;

import io.polder.spi.EngineJson;

/** OpenLineage events to and from JSON: absent facets are left out, as the spec's optional fields. */
public final class LineageJson {
    private LineageJson() {
    }

    public static String write(RunEvent event) {
        return EngineJson.write(event);
    }

    /** Reads an event Polder wrote (facets it does not know are ignored). */
    public static RunEvent read(String json) {
        return EngineJson.read(json, RunEvent.class);
    }
}
