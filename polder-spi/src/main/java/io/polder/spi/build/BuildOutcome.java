package io.polder.spi.build;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a build as a whole. */
public enum BuildOutcome {
    /** Every output port passed its contract (and was published, unless the request said not to). */
    SUCCEEDED,
    /** A port failed its contract or the build failed; nothing that failed was published. */
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
