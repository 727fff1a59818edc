package io.polder.spi.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of one check. */
public enum CheckOutcome {
    PASSED,
    FAILED,
    /** The check could not be evaluated (bad SQL, a missing column, an invalid regex); the message says why. */
    ERROR,
    /** Not run by design: a text rule, a custom rule for another engine, an SLA without an element to measure. */
    SKIPPED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
