package io.polder.model.source;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * A single value. {@code value} is a String, Long, BigInteger, Double, Boolean or null, as the YAML 1.1
 * core types (or JSON) resolve it; YAML timestamps stay strings, as the standards define dates as strings.
 */
public record ScalarNode(Position position, String pointer, Object value) implements Node {
    public ScalarNode {
        requireNonNull(position, "position is null");
        requireNonNull(pointer, "pointer is null");
        if (value != null && !(value instanceof String || value instanceof Long || value instanceof BigInteger
                || value instanceof Double || value instanceof Boolean)) {
            throw new IllegalArgumentException("unsupported scalar type: " + value.getClass().getName());
        }
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isInteger() {
        return value instanceof Long || value instanceof BigInteger
                || (value instanceof Double d && !d.isInfinite() && d == Math.rint(d));
    }

    public boolean isNumber() {
        return value instanceof Long || value instanceof BigInteger || value instanceof Double;
    }

    public boolean isBoolean() {
        return value instanceof Boolean;
    }

    @Override
    public String kindName() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return isInteger() ? "an integer" : "a number";
    }

    @Override
    public Object toPlain() {
        return value;
    }
}
