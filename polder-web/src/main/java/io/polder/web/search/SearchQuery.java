package io.polder.web.search;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;

/**
 * What a catalog search asks for: free text (searched as words, never as query syntax) and facet filters;
 * null or blank filters do not filter.
 *
 * @param page the page wanted, from 1
 */
public record SearchQuery(String text, String domain, String tag, String status, String team, int page) {
    /** Longer text is cut here before it is searched; nobody types more into a search box. */
    public static final int MAX_TEXT = 1000;
    /** Facet values are ids, tags and statuses: short. */
    public static final int MAX_FILTER = 200;
    public static final int PAGE_SIZE = 20;
    /** Deep pages cost more and nobody reads them; narrow the search instead. */
    public static final int MAX_PAGE = 50;

    public SearchQuery {
        text = text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        domain = filter("domain", domain);
        tag = filter("tag", tag);
        status = filter("status", status);
        team = filter("team", team);
        if (page < 1 || page > MAX_PAGE) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "page must be between 1 and " + MAX_PAGE
                    + ", found " + page);
        }
    }

    /** Every product, first page. */
    public static SearchQuery all() {
        return new SearchQuery("", null, null, null, null, 1);
    }

    public static SearchQuery text(String text) {
        return new SearchQuery(text, null, null, null, null, 1);
    }

    public SearchQuery withPage(int value) {
        return new SearchQuery(text, domain, tag, status, team, value);
    }

    public boolean hasFilters() {
        return domain != null || tag != null || status != null || team != null;
    }

    private static String filter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, name + " filter is longer than " + MAX_FILTER
                    + " characters");
        }
        return value;
    }
}
