package io.polder.registry.apply;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a plan item is about. */
public enum ObjectKind {
    DOMAIN("domain"), TEAM("team"), PRODUCT("product"), CONTRACT("contract"),
    /** A policy file (its id is the file's path relative to the mesh root). */
    POLICY_FILE("policy-file");

    private final String value;

    ObjectKind(String value) {
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
