package io.polder.spi.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a contract run as a whole. */
public enum CheckRunOutcome {
    /** Every check passed (or was skipped by design). */
    PASSED,
    /** Only checks below error severity failed: the data may be published. */
    WARNED,
    /** An error-severity check failed or could not be evaluated: the data must not be published. */
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
