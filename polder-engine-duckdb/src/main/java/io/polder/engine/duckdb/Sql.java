package io.polder.engine.duckdb;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The only two ways text reaches generated SQL: an identifier, double-quoted, and a string literal,
 * single-quoted. Every name and value from a contract, a {@code polder.yaml} or a path passes through one
 * of them; nothing is spliced in raw.
 */
public final class Sql {
    private Sql() {
    }

    /** {@code "name"}, with embedded double quotes doubled. */
    public static String identifier(String name) {
        requireNonNull(name, "name is null");
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL name cannot contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.table}, each part quoted. */
    public static String qualified(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }

    /** {@code 'text'}, with embedded single quotes doubled (DuckDB strings take backslashes literally). */
    public static String literal(String text) {
        requireNonNull(text, "text is null");
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL string cannot contain a NUL character");
        }
        return '\'' + text.replace("'", "''") + '\'';
    }

    public static String literal(Path path) {
        return literal(path.toAbsolutePath().normalize().toString());
    }

    /**
     * A number as a SQL literal. Only Java numbers reach here (from the YAML reader), so their text is digits,
     * a sign, a point and an exponent; NaN and infinities become DuckDB's double spellings.
     */
    public static String number(Number number) {
        requireNonNull(number, "number is null");
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            if (Double.isNaN(value)) {
                return "'NaN'::DOUBLE";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "'Infinity'::DOUBLE" : "'-Infinity'::DOUBLE";
            }
            return BigDecimal.valueOf(value).toPlainString();
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (number instanceof BigInteger || number instanceof Long || number instanceof Integer
                || number instanceof Short || number instanceof Byte) {
            return number.toString();
        }
        return new BigDecimal(number.toString()).toPlainString();
    }
}
