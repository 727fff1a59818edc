package io.polder.spi;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The stages of a build or a contract run, in the order they happen. */
public enum Stage {
    /**
     * Waiting for another run of the same product to end before this one can go on; the progress's subject says what
     * it waits for: {@link #WAITING_FOR_BUILD} or {@link #WAITING_FOR_TEST}.
     */
    WAITING,
    PROVISION,
    RESOLVE_INPUTS,
    LOAD_SOURCES,
    WRITE,
    CHECK,
    PUBLISH,
    RETENTION;

    /** The subject of {@link #WAITING} progress: a build, publication or retention of the product holds it. */
    public static final String WAITING_FOR_BUILD = "build";
    /** The subject of {@link #WAITING} progress: a contract run of the product holds it. */
    public static final String WAITING_FOR_TEST = "test";

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
