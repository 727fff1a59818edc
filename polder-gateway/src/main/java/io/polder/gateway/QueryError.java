package io.polder.gateway;

import io.polder.engine.duckdb.SqlAnalyzer;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's error for a consumer's query as the consumer can use it: the line and column in the query as written
 * (DuckDB's excerpt points into the query the gateway runs, which wraps it), and a plain message for the errors
 * consumers make most, such as an unknown column with DuckDB's candidates. The excerpt itself is never passed on:
 * for an error inside a view it could quote the view's definition.
 */
final class QueryError {
    /** {@code LINE n: text} and the caret line under it, as DuckDB appends them after a blank line. */
    private static final Pattern EXCERPT = Pattern.compile("\n\nLINE (\\d+): ([^\n]*)\n( *)\\^");
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile(
            "Binder Error: Referenced column (\"[^\n]*\") not found in FROM clause!(?:\nCandidate bindings: ([^\n]+))?");
    private static final String ELLIPSIS = "...";

    private QueryError() {
    }

    /**
     * The message for {@code error}, raised by running {@code executed}: the wrapped form of {@code sql}
     * ({@link GovernedSession#capped}), prefixed with {@code line:column} in {@code sql} when DuckDB says where.
     */
    static String describe(SQLException error, String sql, String executed) {
        String full = error.getMessage() == null ? error.toString() : error.getMessage().strip();
        String message = plain(QueryGateway.firstParagraph(error));
        return position(full, sql, executed).map(at -> SqlAnalyzer.lineAndColumn(sql, at) + ": " + message).orElse(message);
    }

    private static String plain(String message) {
        Matcher unknown = UNKNOWN_COLUMN.matcher(message);
        if (unknown.matches()) {
            return "no column " + unknown.group(1) + " in the relations the query reads there"
                    + (unknown.group(2) == null ? "" : "; did you mean " + unknown.group(2).strip() + "?");
        }
        return message.replace("\n", "; ");
    }

    /** The offset in {@code sql} of DuckDB's caret, when the excerpt is a line of the query as the consumer wrote it. */
    static Optional<Integer> position(String message, String sql, String executed) {
        Matcher excerpt = EXCERPT.matcher(message);
        if (!excerpt.find()) {
            return Optional.empty();
        }
        int lineNumber = Integer.parseInt(excerpt.group(1));
        String text = excerpt.group(2);
        int caret = excerpt.group(3).length() - ("LINE " + excerpt.group(1) + ": ").length();
        String[] lines = executed.split("\n", -1);
        if (lineNumber < 1 || lineNumber > lines.length || caret < 0 || caret > text.length()) {
            return Optional.empty();
        }
        String line = lines[lineNumber - 1];
        if (!printableAscii(line)) {
            // DuckDB pads its caret by display width (a tab counts 0, a wide character 2): no position, not a wrong one
            return Optional.empty();
        }
        boolean cutBefore = text.startsWith(ELLIPSIS);
        String shown = cutBefore ? text.substring(ELLIPSIS.length()) : text;
        int shownCaret = cutBefore ? caret - ELLIPSIS.length() : caret;
        if (shown.endsWith(ELLIPSIS) && !line.endsWith(shown)) {
            shown = shown.substring(0, shown.length() - ELLIPSIS.length());
        }
        // an excerpt cut at the front is the line's end unless it is cut at the end too: then it must occur once
        int start;
        if (!cutBefore) {
            start = line.startsWith(shown) ? 0 : -1;
        } else if (!text.endsWith(ELLIPSIS)) {
            start = line.endsWith(shown) ? line.length() - shown.length() : -1;
        } else {
            start = line.indexOf(shown) == line.lastIndexOf(shown) ? line.indexOf(shown) : -1;
        }
        if (start < 0 || shownCaret < 0) {
            return Optional.empty();
        }
        int lineStart = 0;
        for (int i = 0; i < lineNumber - 1; i++) {
            lineStart += lines[i].length() + 1;
        }
        int inExecuted = lineStart + start + shownCaret;
        String body = GovernedSession.body(sql);
        int bodyInExecuted = executed.indexOf(body);
        if (bodyInExecuted < 0 || inExecuted < bodyInExecuted || inExecuted >= bodyInExecuted + body.length()) {
            return Optional.empty();
        }
        return Optional.of(sql.indexOf(body) + inExecuted - bodyInExecuted);
    }

    private static boolean printableAscii(String line) {
        return line.chars().allMatch(c -> c >= ' ' && c < 0x7f || c == '\r');
    }
}
