package io.polder.web.pages;

import io.polder.web.search.SearchQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The web UI's links, built in one place with every value encoded. */
public final class Urls {
    private Urls() {
    }

    public static String product(String id) {
        return "/ui/products/" + encode(id);
    }

    /** The form that requests access to output port {@code port} of {@code product}. */
    public static String accessRequest(String product, String port) {
        return "/ui/access/request?port=" + encode(product + "/" + port);
    }

    public static String domain(String id) {
        return "/ui/domains/" + encode(id);
    }

    /** The search {@code query} with facet {@code dimension} set to {@code value} (null removes it), first page. */
    public static String search(SearchQuery query, String dimension, String value) {
        Map<String, String> parameters = parameters(query);
        if (value == null) {
            parameters.remove(dimension);
        } else {
            parameters.put(dimension, value);
        }
        return withQuery("/ui", parameters);
    }

    /** The search {@code query} at page {@code page}. */
    public static String searchPage(SearchQuery query, int page) {
        Map<String, String> parameters = parameters(query);
        parameters.put("page", Integer.toString(page));
        return withQuery("/ui", parameters);
    }

    public static String withQuery(String path, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    private static Map<String, String> parameters(SearchQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", query.text());
        parameters.put("domain", query.domain());
        parameters.put("tag", query.tag());
        parameters.put("status", query.status());
        parameters.put("team", query.team());
        return parameters;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
