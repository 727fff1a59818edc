package io.polder.spi.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** How a source is read. */
public enum SourceFormat implements StandardEnum {
    CSV("csv"),
    /** JSON: an array of objects, or newline-delimited objects. */
    JSON("json"),
    PARQUET("parquet"),
    /** A table or query of a database reached over JDBC (PostgreSQL's driver ships with Polder). */
    JDBC("jdbc");

    private final String value;

    SourceFormat(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }
}
