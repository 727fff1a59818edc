package io.polder.spi.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much a failed check matters. Only {@link #ERROR} blocks publishing. ODCS leaves {@code severity} free
 * text; Polder reads the usual spellings and treats a rule without one as an error, so a promise in a
 * contract is enforced unless its author says otherwise.
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The severity a contract spells {@code text}; null (absent) and unknown spellings are errors. */
    public static Severity parse(String text) {
        if (text == null) {
            return ERROR;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "warning", "warn", "medium", "low", "minor" -> WARNING;
            case "info", "information", "informational", "none" -> INFO;
            default -> ERROR;
        };
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
