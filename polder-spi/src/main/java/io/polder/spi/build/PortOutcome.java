package io.polder.spi.build;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a build did for one output port. */
public enum PortOutcome {
    /** The candidate passed its contract and is now the published snapshot. */
    PUBLISHED,
    /** The candidate passed its contract and was kept unpublished, as the request asked. */
    CANDIDATE,
    /** The candidate failed its contract and is quarantined; the previous snapshot stays published. */
    QUARANTINED,
    /** No candidate was completed (the build failed before or while writing it). */
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
