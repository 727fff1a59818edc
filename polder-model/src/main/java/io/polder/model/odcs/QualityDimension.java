package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** The data quality dimension a rule measures (used for classification and reporting). */
public enum QualityDimension implements StandardEnum {
    ACCURACY("accuracy"),
    COMPLETENESS("completeness"),
    CONFORMITY("conformity"),
    CONSISTENCY("consistency"),
    COVERAGE("coverage"),
    TIMELINESS("timeliness"),
    UNIQUENESS("uniqueness");

    private final String value;

    QualityDimension(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }
}
