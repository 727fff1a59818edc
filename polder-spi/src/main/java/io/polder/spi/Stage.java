package io.polder.spi;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The stages of a build or a contract run, in the order they happen. */
public enum Stage {
    PROVISION,
    RESOLVE_INPUTS,
    LOAD_SOURCES,
    WRITE,
    CHECK,
    PUBLISH,
    RETENTION;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
