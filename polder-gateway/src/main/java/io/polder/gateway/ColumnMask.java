package io.polder.gateway;

import java.util.Locale;

/**
 * How a column is shown to a consumer. The mask is part of the relation the consumer queries, so every use
 * of the column (select list, WHERE, JOIN, GROUP BY, ORDER BY, windows, aggregates) sees the masked value
 * only; a predicate on a masked column cannot test the clear value.
 */
public enum ColumnMask {
    /** The value as published. */
    NONE,
    /**
     * A keyed hash (HMAC-SHA-256, hex) of the value's text; NULL stays NULL. The same value hashes alike in
     * every relation and query, so masked keys still join, but without the key no dictionary reverses it.
     */
    HASH,
    /** {@code ****} for every value; NULL stays NULL. */
    REDACT,
    /** NULL, of the column's type. */
    NULL,
    /**
     * Part of the value: text keeps at most its last four characters and never more than a quarter of them
     * ({@code ****.com}); dates and timestamps keep their year (the first day of it); other types become NULL.
     */
    PARTIAL;

    /** Reads {@code none}, {@code hash}, {@code redact}, {@code null} or {@code partial}, any case. */
    public static ColumnMask parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column mask '" + text + "'; masks are none, hash, redact, null"
                    + " and partial", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
