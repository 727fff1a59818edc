package io.polder.server.http;

import static java.util.Objects.requireNonNull;

/**
 * What a route answers when it succeeds.
 *
 * @param status the HTTP status
 * @param type the record it writes as JSON, or the item type of a page; null for a non-JSON answer
 * @param page whether the answer is a page of {@code type}: {@code {"items": [...], "nextCursor": ...}}
 * @param mediaType the answer's media type
 */
public record Returns(int status, Class<?> type, boolean page, String mediaType) {
    public static final String JSON = "application/json";

    public Returns {
        requireNonNull(mediaType, "mediaType is null");
    }

    public static Returns json(int status, Class<?> type) {
        return new Returns(status, requireNonNull(type, "type is null"), false, JSON);
    }

    public static Returns pageOf(Class<?> itemType) {
        return new Returns(200, requireNonNull(itemType, "itemType is null"), true, JSON);
    }

    /** A document that is not described by a record (such as the OpenAPI document itself). */
    public static Returns document(String mediaType) {
        return new Returns(200, null, false, mediaType);
    }
}
