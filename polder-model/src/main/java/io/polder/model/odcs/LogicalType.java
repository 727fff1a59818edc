package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** The logical data type of an ODCS property, independent of any data source. */
public enum LogicalType implements StandardEnum {
    STRING("string", OdcsVersion.V3_0),
    DATE("date", OdcsVersion.V3_0),
    TIMESTAMP("timestamp", OdcsVersion.V3_1),
    TIME("time", OdcsVersion.V3_1),
    NUMBER("number", OdcsVersion.V3_0),
    INTEGER("integer", OdcsVersion.V3_0),
    OBJECT("object", OdcsVersion.V3_0),
    ARRAY("array", OdcsVersion.V3_0),
    BOOLEAN("boolean", OdcsVersion.V3_0);

    private final String value;
    private final OdcsVersion introducedIn;

    LogicalType(String value, OdcsVersion introducedIn) {
        this.value = value;
        this.introducedIn = introducedIn;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The ODCS version that introduced this type. */
    public OdcsVersion introducedIn() {
        return introducedIn;
    }

    /** Dates, timestamps and times share their options (format, bounds as strings). */
    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP || this == TIME;
    }

    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER;
    }
}
