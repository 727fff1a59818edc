package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** The kind of a relationship between properties; ODCS v3.1 defines only foreign keys (the default). */
public enum RelationshipType implements StandardEnum {
    FOREIGN_KEY("foreignKey");

    private final String value;

    RelationshipType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }
}
