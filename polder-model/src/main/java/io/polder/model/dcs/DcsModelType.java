package io.polder.model.dcs;

import io.polder.model.bind.StandardEnum;

/** What a DCS model is; {@code table} when absent. */
enum DcsModelType implements StandardEnum {
    TABLE("table"),
    VIEW("view"),
    OBJECT("object");

    private final String value;

    DcsModelType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
