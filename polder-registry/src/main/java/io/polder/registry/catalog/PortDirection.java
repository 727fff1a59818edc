package io.polder.registry.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a port is consumed by its product (input) or published by it (output). */
public enum PortDirection {
    INPUT("input"), OUTPUT("output");

    private final String value;

    PortDirection(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static PortDirection parse(String value) {
        return "input".equals(value) ? INPUT : OUTPUT;
    }

    @Override
    public String toString() {
        return value;
    }
}
