package io.polder.engine.duckdb.check;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Values read from DuckDB made fit for a result and for JSON: numbers and booleans stay as they are (a
 * NaN or an infinity becomes the string DuckDB prints, since JSON has no such numbers), strings stay, and
 * everything else (dates, timestamps, UUIDs, lists, structs) becomes its text.
 */
final class Values {
    private Values() {
    }

    static Object read(ResultSet result, int column) throws SQLException {
        return plain(result.getObject(column));
    }

    static Object plain(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Long
                || value instanceof Integer || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number)) {
                return "NaN";
            }
            if (Double.isInfinite(number)) {
                return number > 0 ? "Infinity" : "-Infinity";
            }
            return number;
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return value.toString();
    }

    /** The number a value stands for, or null when it is not numeric; "NaN" and infinities become doubles. */
    static Double asDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        return null;
    }

    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        return BigDecimal.valueOf(number.doubleValue());
    }

    /** Without trailing zeros, but never in exponent form: 10.0000 is 10, not 1E+1. */
    static BigDecimal tidy(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
