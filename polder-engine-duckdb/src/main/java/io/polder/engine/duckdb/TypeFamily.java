package io.polder.engine.duckdb;

import io.polder.model.odcs.LogicalType;
import java.util.Locale;

/**
 * The families of DuckDB types that an ODCS logicalType accepts. DuckDB names a column's type as
 * {@code DESCRIBE} prints it ({@code BIGINT}, {@code DECIMAL(12,2)}, {@code TIMESTAMP WITH TIME ZONE},
 * {@code VARCHAR[]}, {@code STRUCT(...)}). {@code NULL} is the type DuckDB gives a bare NULL
 * ({@code SELECT NULL AS email}): a column without values, of no type yet.
 */
public enum TypeFamily {
    STRING, INTEGER, DECIMAL, FLOATING, BOOLEAN, DATE, TIMESTAMP, TIME, LIST, STRUCT, NULL, OTHER;

    public static TypeFamily of(String duckDbType) {
        String type = duckDbType.trim().toUpperCase(Locale.ROOT);
        if (type.equals("NULL") || type.equals("\"NULL\"")) {
            return NULL;
        }
        if (type.endsWith("]")) {
            return LIST;
        }
        if (type.startsWith("STRUCT") || type.startsWith("MAP") || type.equals("JSON") || type.startsWith("UNION")) {
            return STRUCT;
        }
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return DECIMAL;
        }
        if (type.startsWith("TIMESTAMP")) {
            return TIMESTAMP;
        }
        if (type.startsWith("TIME")) {
            return TIME;
        }
        return switch (type) {
            case "VARCHAR", "UUID", "CHAR", "BPCHAR", "TEXT", "STRING" -> STRING;
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
                 "UHUGEINT", "BIGNUM", "VARINT" -> INTEGER;
            case "FLOAT", "REAL", "DOUBLE" -> FLOATING;
            case "BOOLEAN" -> BOOLEAN;
            case "DATE" -> DATE;
            default -> type.startsWith("ENUM") ? STRING : OTHER;
        };
    }

    /** Whether a column of this family can hold values of {@code logicalType}. */
    public boolean holds(LogicalType logicalType) {
        return switch (logicalType) {
            case STRING -> this == STRING;
            case INTEGER -> this == INTEGER;
            case NUMBER -> this == INTEGER || this == DECIMAL || this == FLOATING;
            case BOOLEAN -> this == BOOLEAN;
            case DATE -> this == DATE;
            case TIMESTAMP -> this == TIMESTAMP;
            case TIME -> this == TIME;
            case ARRAY -> this == LIST;
            case OBJECT -> this == STRUCT;
        };
    }

    /**
     * Whether a value of this family is written as {@code target} by a cast that loses nothing a contract
     * cares about: integers to wider or narrower integers (an overflow fails the build), any number to a
     * decimal or a floating type (rounding to the declared scale), a date to a timestamp, a column of nulls
     * to anything, and within a family. A floating value is never cast to an integer: that would hide a type the
     * contract does not allow.
     */
    public boolean castsTo(TypeFamily target) {
        if (this == target || this == NULL) {
            return true;
        }
        if (isNumeric() && (target == DECIMAL || target == FLOATING)) {
            return true;
        }
        return this == DATE && target == TIMESTAMP;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == FLOATING;
    }
}
