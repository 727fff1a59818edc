package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.TypeFamily;
import io.polder.model.odcs.SchemaProperty;
import java.util.Locale;

/**
 * Whether a column's type conforms to its property: the logicalType's family must hold it (an integer
 * column for {@code integer}, any number for {@code number}, ...), and when the physicalType names a DuckDB
 * type, the column must have that type or one of the same family (INTEGER where BIGINT is declared is
 * compatible; VARCHAR where BIGINT is declared is not).
 */
final class SchemaConformance {
    static final String COMPATIBLE = "compatible";

    private SchemaConformance() {
    }

    /** A verdict starting with {@link #COMPATIBLE} when the column conforms, else saying why not. */
    static String verdict(SchemaProperty property, String actualType, String declaredType) {
        TypeFamily actual = TypeFamily.of(actualType);
        if (property.logicalType() != null && !actual.holds(property.logicalType())) {
            return "type " + actualType + " does not hold logicalType " + property.logicalType().value()
                    + (declaredType == null ? "" : " (physicalType " + property.physicalType() + ")");
        }
        if (declaredType == null) {
            return COMPATIBLE + ": " + actualType + (property.logicalType() == null ? ""
                    : " holds logicalType " + property.logicalType().value());
        }
        if (normalize(declaredType).equals(normalize(actualType))) {
            return COMPATIBLE + ": " + actualType + " as declared (" + property.physicalType() + ")";
        }
        if (TypeFamily.of(declaredType) == actual) {
            return COMPATIBLE + ": " + actualType + " where " + property.physicalType() + " is declared, of the same family";
        }
        return "type " + actualType + " is not compatible with physicalType " + property.physicalType()
                + " (" + declaredType + ")";
    }

    private static String normalize(String type) {
        return type.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
