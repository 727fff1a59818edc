package io.polder.registry;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;

/**
 * Which page of a listing to return: after {@code cursor} (null for the first page), at most
 * {@code limit} items.
 */
public record PageRequest(String cursor, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    static final int MAX_CURSOR_LENGTH = 2048;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT,
                    "limit must be between 1 and " + MAX_LIMIT + ", found " + limit);
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a valid cursor");
        }
    }

    /** The first page with the default limit. */
    public static PageRequest first() {
        return new PageRequest(null, DEFAULT_LIMIT);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    /** A request as it comes from a caller: a null limit means the default. */
    public static PageRequest of(String cursor, Integer limit) {
        return new PageRequest(cursor, limit == null ? DEFAULT_LIMIT : limit);
    }
}
