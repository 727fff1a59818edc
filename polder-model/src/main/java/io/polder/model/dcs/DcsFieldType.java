package io.polder.model.dcs;

import io.polder.model.bind.StandardEnum;

/** The logical type of a DCS field or definition (the schema's {@code $defs/FieldType}). */
enum DcsFieldType implements StandardEnum {
    NUMBER("number"),
    DECIMAL("decimal"),
    NUMERIC("numeric"),
    INT("int"),
    INTEGER("integer"),
    LONG("long"),
    BIGINT("bigint"),
    FLOAT("float"),
    DOUBLE("double"),
    STRING("string"),
    TEXT("text"),
    VARCHAR("varchar"),
    BOOLEAN("boolean"),
    TIMESTAMP("timestamp"),
    TIMESTAMP_TZ("timestamp_tz"),
    TIMESTAMP_NTZ("timestamp_ntz"),
    DATE("date"),
    TIME("time"),
    ARRAY("array"),
    MAP("map"),
    OBJECT("object"),
    RECORD("record"),
    STRUCT("struct"),
    BYTES("bytes"),
    VARIANT("variant"),
    JSON("json"),
    NULL("null");

    private final String value;

    DcsFieldType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
