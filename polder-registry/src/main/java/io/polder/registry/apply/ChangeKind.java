package io.polder.registry.apply;

import com.fasterxml.jackson.annotation.JsonValue;

/** What applying a bundle does to one object. */
public enum ChangeKind {
    /** It is new. */
    ADD("add"),
    /** It changes: for products and contracts, a new version is published. */
    CHANGE("change"),
    /** It is deprecated (a new version declaring {@code status: deprecated}). */
    DEPRECATE("deprecate"),
    /** It is retired (declared {@code status: retired}, or no longer declared and pruned). */
    RETIRE("retire"),
    /** Nothing happens to it. */
    UNCHANGED("unchanged");

    private final String value;

    ChangeKind(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
