package io.polder.server.http;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.PageRequest;
import io.polder.registry.auth.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What handlers read from a request: the principal the gate admitted, and query parameters parsed
 * strictly. Every parse failure is an {@link InvalidRequest} that names the parameter.
 */
public final class Requests {
    static final String PRINCIPAL = "polder.principal";
    static final String ROUTE = "polder.route";
    private static final int MAX_QUERY_VALUE = 2048;

    private Requests() {
    }

    /** The authenticated caller of a protected route. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("no principal: the route is not protected");
        }
        return principal;
    }

    /** The route that answers the request, once one matched. */
    static Route route(Context ctx) {
        return ctx.attribute(ROUTE);
    }

    /** The page a listing asks for: {@code cursor} and {@code limit}. */
    public static PageRequest page(Context ctx) {
        Integer limit = parsed(ctx, "limit", Requests::wholeNumber);
        return InvalidRequest.checking(() -> PageRequest.of(string(ctx, "cursor"), limit));
    }

    /** The value of query parameter {@code name}, or null when absent. */
    public static String string(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw InvalidRequest.badArgument("query parameter '" + name + "' is given " + values.size()
                    + " times; give it once");
        }
        String value = values.getFirst();
        if (value.length() > MAX_QUERY_VALUE) {
            throw InvalidRequest.badArgument("query parameter '" + name + "' is longer than " + MAX_QUERY_VALUE
                    + " characters");
        }
        return value;
    }

    /** The values of the repeatable query parameter {@code name}. */
    public static List<String> strings(Context ctx, String name) {
        return List.copyOf(ctx.queryParams(name));
    }

    /** The value of query parameter {@code name} parsed by {@code parse}, or null when absent. */
    public static <T> T parsed(Context ctx, String name, Function<String, T> parse) {
        String value = string(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (PolderException e) {
            throw new InvalidRequest(e.code(), "query parameter '" + name + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw InvalidRequest.badArgument("query parameter '" + name + "' has a value that is not valid here: "
                    + Names.quoteForMessage(value));
        }
    }

    /** A {@code true|false} query parameter; false when absent. */
    public static boolean flag(Context ctx, String name) {
        Boolean value = parsed(ctx, name, Requests::bool);
        return value != null && value;
    }

    /** An ISO-8601 instant query parameter, such as {@code 2026-01-31T12:00:00Z}. */
    public static Instant instant(Context ctx, String name) {
        return parsed(ctx, name, text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not an ISO-8601 instant "
                        + Names.quoteForMessage(text) + " (such as 2026-01-31T12:00:00Z)");
            }
        });
    }

    /** Refuses query parameters the route does not accept, and repeats of those it accepts once. */
    static void requireKnownQueryParameters(Context ctx, Route route) {
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            QueryParameter known = route.queryParameter(parameter.getKey()).orElseThrow(() ->
                    InvalidRequest.badArgument("unknown query parameter " + Names.quoteForMessage(parameter.getKey())
                            + " for " + route.key() + "; it accepts " + accepted(route)));
            if (!known.repeatable() && parameter.getValue().size() > 1) {
                throw InvalidRequest.badArgument("query parameter '" + known.name() + "' is given "
                        + parameter.getValue().size() + " times; give it once");
            }
        }
    }

    private static String accepted(Route route) {
        return route.query().isEmpty() ? "none"
                : String.join(", ", route.query().stream().map(QueryParameter::name).toList());
    }

    private static Integer wholeNumber(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a whole number: " + Names.quoteForMessage(text));
        }
        return Integer.parseInt(text);
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new PolderException(ErrorCode.INVALID_ARGUMENT, "must be true or false, found "
                    + Names.quoteForMessage(text));
        };
    }
}
