package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/**
 * The predefined metrics of ODCS v3.1 library rules. Each counts something; the rule's operator compares
 * the count (in rows, or in percent when the rule's {@code unit} is percent).
 */
public enum LibraryMetric implements StandardEnum {
    /** Null values in a property. No arguments. */
    NULL_VALUES("nullValues"),
    /** Values considered missing; argument {@code missingValues}: the list of such values (e.g. null, '', 'N/A'). */
    MISSING_VALUES("missingValues"),
    /** Values that are not valid; arguments {@code validValues} (a list) and/or {@code pattern} (a regex). */
    INVALID_VALUES("invalidValues"),
    /**
     * Duplicate values of a property; at schema level, duplicate rows over the properties listed in the
     * argument {@code properties}.
     */
    DUPLICATE_VALUES("duplicateValues"),
    /** The number of rows of a schema object. No arguments. */
    ROW_COUNT("rowCount");

    private final String value;

    LibraryMetric(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }
}
