package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** The kind of a data quality rule: human-readable text, a library metric, a SQL query or a vendor engine's check. */
public enum QualityType implements StandardEnum {
    TEXT("text"),
    LIBRARY("library"),
    SQL("sql"),
    CUSTOM("custom");

    private final String value;

    QualityType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }
}
