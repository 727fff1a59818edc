package io.polder.model.odps;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** The `kind` of an ODPS document; the standard knows only one. */
public enum ProductKind implements StandardEnum {
    DATA_PRODUCT("DataProduct");

    private final String value;

    ProductKind(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }
}
