package io.polder.governance;

import io.polder.model.source.Node;
import io.polder.model.source.Position;

/**
 * Finds where a character of a YAML string value stands in its file, so that a CEL error inside a rule names
 * the file's line and column, not the rule's. The tree keeps where each value starts; the value's text,
 * though, may be laid out in several ways (plain or quoted on the key's line, a {@code |} block on the lines
 * below, folded with {@code >}). So the line of the value that holds the character is looked for in the
 * file's lines from the value's start on; where it cannot be found (escapes in a quoted string, folding)
 * the value's own start is given.
 */
final class TextPositions {
    private static final int FRAGMENT = 12;

    private TextPositions() {
    }

    /**
     * @param fileLines the file's lines (without line ends)
     * @param node the string value in the tree
     * @param value the value's text
     * @param offset the character offset in {@code value}, or -1 for the value's start
     */
    static Position locate(String[] fileLines, Node node, String value, int offset) {
        Position start = node.position();
        if (offset < 0 || fileLines == null || offset > value.length()) {
            return start;
        }
        int lineStart = value.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = value.indexOf('\n', offset);
        String line = value.substring(lineStart, lineEnd < 0 ? value.length() : lineEnd);
        int column = offset - lineStart;
        // each line of the value takes at least one line of the file: line k is not above the value's line k
        // (counted from the line below the indicator for a | or > block)
        int valueLine = (int) value.substring(0, lineStart).chars().filter(c -> c == '\n').count()
                + (isBlockIndicator(fileLines, start) ? 1 : 0);
        Position found = find(fileLines, start, valueLine, line, column);
        if (found == null) {
            // the line was folded or escaped: look for the few characters at the offset instead
            String fragment = value.substring(offset, Math.min(value.length(), offset + FRAGMENT));
            found = fragment.isBlank() ? null : find(fileLines, start, valueLine, fragment, 0);
        }
        return found == null ? start : found;
    }

    private static boolean isBlockIndicator(String[] fileLines, Position start) {
        if (start.line() > fileLines.length) {
            return false;
        }
        String line = fileLines[start.line() - 1];
        int index = start.column() - 1;
        return index < line.length() && (line.charAt(index) == '|' || line.charAt(index) == '>');
    }

    /** The position of {@code column} within the first file line, from the value's start, containing {@code text}. */
    private static Position find(String[] fileLines, Position start, int valueLine, String text, int column) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        int leading = text.indexOf(trimmed);
        for (int index = start.line() - 1 + valueLine; index < fileLines.length; index++) {
            int from = index == start.line() - 1 ? Math.max(0, start.column() - 1) : 0;
            int at = fileLines[index].indexOf(trimmed, from);
            if (at >= 0) {
                return new Position(index + 1, Math.max(1, at - leading + column + 1));
            }
        }
        return null;
    }
}
