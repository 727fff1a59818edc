package io.polder.registry;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque cursors of keyset pagination: the sort key of a page's last row, tagged with the listing it
 * belongs to so that a cursor of one listing is refused by another. Callers must not rely on the format.
 */
public final class Cursor {
    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    /** The cursor after a row whose sort key is {@code keys}, in the listing {@code listing}. */
    public static String encode(String listing, String... keys) {
        StringBuilder text = new StringBuilder(listing);
        for (String key : keys) {
            text.append(SEPARATOR).append(key);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key in {@code cursor}, which must belong to {@code listing} and hold {@code arity} keys.
     *
     * @throws PolderException INVALID_ARGUMENT for anything else
     */
    public static List<String> decode(String listing, String cursor, int arity) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> parts = split(text);
        if (parts.size() != arity + 1 || !parts.get(0).equals(listing)) {
            throw invalid();
        }
        return List.copyOf(parts.subList(1, parts.size()));
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEPARATOR) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static PolderException invalid() {
        return new PolderException(ErrorCode.INVALID_ARGUMENT, "not a valid cursor for this listing");
    }
}
