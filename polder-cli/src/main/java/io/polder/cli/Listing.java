package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a listing ({@code {"items": [...], "nextCursor": ...}}) page by page: all of it, or the first
 * {@code limit} items.
 */
final class Listing {
    /** The server's largest page: the fewest round trips for a whole listing. */
    static final int MAX_PAGE = 1000;
    private static final Pattern QUERY_PARAMETER = Pattern.compile("query parameter '([a-z][A-Za-z]*)'");

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
            JsonNode page;
            try {
                page = client.get(path, query.copy().with("limit", wanted).with("cursor", cursor)).body();
            } catch (PolderException e) {
                throw asOption(e, query);
            }
            page.path("items").forEach(items::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        } while (cursor != null && (limit == null || items.size() < limit));
        return items;
    }

    /**
     * The server names a listing's filter that it refuses by its query parameter ({@code query parameter 'state':
     * unknown run state 'x'}); the command line that sent it knows it as the option of the same name ({@code --state}).
     */
    static PolderException asOption(PolderException refused, PolderClient.Query query) {
        Matcher named = QUERY_PARAMETER.matcher(refused.getMessage());
        if (refused.code() != ErrorCode.INVALID_ARGUMENT || !named.lookingAt() || !query.has(named.group(1))) {
            return refused;
        }
        return new PolderException(refused.code(), "--" + named.group(1) + refused.getMessage().substring(named.end()),
                refused.details(), refused);
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
