package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a listing ({@code {"items": [...], "nextCursor": ...}}) page by page: all of it, or the first
 * {@code limit} items.
 */
final class Listing {
    /** The server's largest page: the fewest round trips for a whole listing. */
    static final int MAX_PAGE = 1000;

    private Listing() {
    }

    /**
     * @param limit how many items at most; null for all
     */
    static List<JsonNode> read(PolderClient client, String path, PolderClient.Query query, Integer limit) {
        if (limit != null && limit < 1) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--limit must be at least 1, found " + limit);
        }
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            int wanted = limit == null ? MAX_PAGE : Math.min(MAX_PAGE, limit - items.size());
            JsonNode page = client.get(path, query.copy().with("limit", wanted).with("cursor", cursor)).body();
            page.path("items").forEach(items::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        } while (cursor != null && (limit == null || items.size() < limit));
        return items;
    }

    /** A JSON array of {@code items}, for {@code -o json|yaml}. */
    static JsonNode array(List<JsonNode> items) {
        return PolderClient.JSON.createArrayNode().addAll(items);
    }

    /** A field of an item as text: "" when absent or null, lists joined with commas. */
    static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return String.join(",", parts);
        }
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
