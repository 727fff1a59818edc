package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A query parameter a route accepts. A request with any other query parameter is refused, so that a typo
 * ({@code ?domian=sales}) does not silently list everything.
 *
 * @param type the JSON Schema type of its value: {@code string}, {@code integer} or {@code boolean}
 * @param values the values it may take, or empty for any
 * @param repeatable whether it may be given more than once
 */
public record QueryParameter(String name, String description, String type, List<String> values, boolean repeatable) {
    public static final QueryParameter CURSOR = string("cursor", "the nextCursor of the previous page");
    public static final QueryParameter LIMIT = new QueryParameter("limit",
            "how many items a page holds: 1 to 1000, 50 by default", "integer", List.of(), false);

    public QueryParameter {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(type, "type is null");
        values = List.copyOf(values);
    }

    public static QueryParameter string(String name, String description) {
        return new QueryParameter(name, description, "string", List.of(), false);
    }

    public static QueryParameter oneOf(String name, String description, List<String> values) {
        return new QueryParameter(name, description, "string", values, false);
    }

    public static QueryParameter flag(String name, String description) {
        return new QueryParameter(name, description, "boolean", List.of("true", "false"), false);
    }

    public static QueryParameter repeatable(String name, String description) {
        return new QueryParameter(name, description, "string", List.of(), true);
    }
}
