package io.polder.governance;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** How much a failing policy matters: only an error blocks a plan or an apply. */
public enum PolicySeverity implements StandardEnum {
    ERROR("error"),
    WARNING("warning"),
    INFO("info");

    private final String value;

    PolicySeverity(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
