package io.polder.model.dcs;

import io.polder.model.bind.StandardEnum;

/** The kind of a DCS quality check: each kind requires and types its own fields. */
enum DcsQualityType implements StandardEnum {
    TEXT("text"),
    LIBRARY("library"),
    SQL("sql"),
    CUSTOM("custom");

    private final String value;

    DcsQualityType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
