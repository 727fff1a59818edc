package io.polder.registry.apply;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.regex.Pattern;

/**
 * The paths a bundle may name. They only label documents in messages and in the store, but they come from
 * a client, so they are held to a plain shape: relative, no {@code .} or {@code ..} segments, no
 * backslashes, no control or non-ASCII characters.
 */
final class BundlePaths {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final int MAX_SEGMENTS = 8;

    private BundlePaths() {
    }

    static String requireRelativePath(String path) {
        if (path == null) {
            throw invalid("a product folder's path is missing");
        }
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            throw invalid("product folder path " + Names.quoteForMessage(path) + " is too deep");
        }
        for (String segment : segments) {
            if (!Names.matches(SEGMENT, segment)) {
                throw invalid("product folder path " + Names.quoteForMessage(path)
                        + " must be relative, with segments of letters, digits and . _ - (no '..')");
            }
        }
        return path;
    }

    static String requireFileName(String name) {
        if (!Names.matches(SEGMENT, name)) {
            throw invalid("file name " + Names.quoteForMessage(name) + " must be letters, digits and . _ -");
        }
        return name;
    }

    private static PolderException invalid(String message) {
        return new PolderException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
