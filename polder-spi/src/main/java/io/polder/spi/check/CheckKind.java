package io.polder.spi.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a check verifies, by where in the contract it comes from. */
public enum CheckKind {
    /** A table or column is present with a compatible type (from the schema). */
    SCHEMA,
    /** {@code required: true}: no nulls. */
    REQUIRED,
    /** {@code unique: true}: no duplicate values. */
    UNIQUE,
    /** {@code primaryKey}: the key columns together are unique and never null. */
    PRIMARY_KEY,
    /** A library metric (nullValues, missingValues, invalidValues, duplicateValues, rowCount). */
    LIBRARY,
    /** A sql quality rule. */
    SQL,
    /** A custom quality rule. */
    CUSTOM,
    /** A text quality rule: recorded, not run. */
    TEXT,
    /** An SLA property the engine can measure (latency, retention). */
    SLA;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
