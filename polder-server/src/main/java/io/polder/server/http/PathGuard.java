package io.polder.server.http;

import io.polder.registry.Names;
import java.util.Locale;

/**
 * Refuses request paths that are not in plain canonical form, before any route is matched: path
 * parameters ({@code ;}), encoded dots, slashes and backslashes, double encoding ({@code %25}), dot
 * segments, empty segments and a trailing slash. None of these has a legitimate use in this API, and each
 * is a classic way to make two layers disagree on which resource a path names.
 */
final class PathGuard {
    private PathGuard() {
    }

    /** Throws {@link InvalidRequest} when {@code rawPath} (the path as sent, still encoded) is not canonical. */
    static void requireCanonical(String rawPath) {
        String reason = problem(rawPath);
        if (reason != null) {
            throw InvalidRequest.badArgument("the request path " + Names.quoteForMessage(rawPath)
                    + " is not canonical: " + reason);
        }
    }

    private static String problem(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (rawPath.indexOf(';') >= 0) {
            return "path parameters (';') are not accepted";
        }
        if (lower.contains("%25")) {
            return "double encoding ('%25') is not accepted";
        }
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || rawPath.indexOf('\\') >= 0) {
            return "encoded dots, slashes and backslashes are not accepted";
        }
        if (rawPath.contains("//")) {
            return "empty path segments ('//') are not accepted";
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "'.' and '..' segments are not accepted";
            }
        }
        if (rawPath.length() > 1 && rawPath.endsWith("/")) {
            return "paths have no trailing slash";
        }
        return null;
    }
}
