package io.polder.engine.duckdb.check;

import java.util.BitSet;

/**
 * A contract's {@code pattern} rewritten as a GLOB where the two match exactly the same strings, for the common
 * shape of identifiers and codes: {@code ^SKU-[0-9]{7}$}, {@code ^[A-Z]{2}\d{6}$}. DuckDB matches such a GLOB in
 * about two thirds of the time RE2 takes, and on near-unique text the patterns are most of a contract run's cost
 * (measured in the engine benchmark).
 *
 * <p>Only a small, safe subset is rewritten; anything else stays a regular expression for RE2:
 * <ul>
 * <li>anchored at the start ({@code ^}), optionally at the end ({@code $}; without it the GLOB ends in {@code *});
 *     an unanchored pattern may match anywhere, which a GLOB can only do by backtracking;</li>
 * <li>a sequence of printable ASCII literals (unescaped, or a backslash before punctuation), {@code \d}, {@code \w}
 *     and positive classes of ASCII characters and ranges ({@code [A-Z0-9_-]}), each optionally repeated an exact
 *     number of times ({@code {7}}).</li>
 * </ul>
 * No {@code .}, alternation, group, negated class, other quantifier or flag. Why the two then agree: DuckDB's GLOB
 * compares bytes and RE2 compares characters, but every atom of the subset accepts a single ASCII byte, which in
 * UTF-8 is only ever a whole character; so both accept a string exactly when it is the same sequence of ASCII
 * characters. RE2's {@code $} without the multi-line flag matches only at the very end, as the end of a GLOB does,
 * and RE2's {@code \d} and {@code \w} are ASCII only. {@code RegexGlobTest} checks each rewrite against RE2 in DuckDB.
 */
final class RegexGlob {
    /** Longer exact repetitions stay with RE2 (which refuses counts over 1000 with its own message). */
    private static final int MAX_REPEAT = 100;
    private static final BitSet DIGITS = range('0', '9');
    private static final BitSet WORD = word();

    private final String regex;
    private int at;

    private RegexGlob(String regex) {
        this.regex = regex;
    }

    /** The GLOB matching exactly what {@code regex} matches, or null when it is outside the subset. */
    static String of(String regex) {
        if (regex == null || !regex.startsWith("^")) {
            return null;
        }
        return new RegexGlob(regex).glob();
    }

    private String glob() {
        StringBuilder glob = new StringBuilder();
        at = 1;
        while (at < regex.length()) {
            char c = regex.charAt(at);
            if (c == '$') {
                return at == regex.length() - 1 ? glob.toString() : null;
            }
            BitSet atom = atom();
            if (atom == null) {
                return null;
            }
            int times = repetition();
            if (times < 0) {
                return null;
            }
            String written = write(atom);
            if (written == null) {
                return null;
            }
            glob.append(written.repeat(times));
        }
        return glob.append('*').toString();
    }

    /** The characters the next atom accepts, or null when it is outside the subset. */
    private BitSet atom() {
        char c = regex.charAt(at++);
        if (c == '\\') {
            return escape();
        }
        if (c == '[') {
            return characterClass();
        }
        if (!printable(c) || ".|()*+?{}^$".indexOf(c) >= 0) {
            return null;
        }
        return single(c);
    }

    /** After a backslash: {@code \d}, {@code \w} or escaped punctuation (inside a class too). */
    private BitSet escape() {
        if (at >= regex.length()) {
            return null;
        }
        char c = regex.charAt(at++);
        if (c == 'd') {
            return (BitSet) DIGITS.clone();
        }
        if (c == 'w') {
            return (BitSet) WORD.clone();
        }
        boolean punctuation = printable(c) && c != ' ' && !Character.isLetterOrDigit(c);
        return punctuation ? single(c) : null;
    }

    /** {@code [...]}: literals, ranges, {@code \d}, {@code \w}, escaped punctuation; not negated, no POSIX class. */
    private BitSet characterClass() {
        BitSet members = new BitSet(128);
        if (at < regex.length() && (regex.charAt(at) == '^' || regex.charAt(at) == ']')) {
            return null;
        }
        while (at < regex.length() && regex.charAt(at) != ']') {
            char c = regex.charAt(at++);
            if (c == '[') {
                return null;
            }
            if (c == '\\') {
                BitSet escaped = escape();
                if (escaped == null) {
                    return null;
                }
                members.or(escaped);
                continue;
            }
            if (!printable(c)) {
                return null;
            }
            boolean range = at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']';
            if (range) {
                char end = regex.charAt(at + 1);
                if (!Character.isLetterOrDigit(c) || !Character.isLetterOrDigit(end) || !printable(end) || end < c) {
                    return null;
                }
                members.or(range(c, end));
                at += 2;
            } else {
                members.set(c);
            }
        }
        if (at >= regex.length() || members.isEmpty()) {
            return null;
        }
        at++;
        return members;
    }

    /** 1 without a quantifier, n for {@code {n}}, -1 for any other quantifier. */
    private int repetition() {
        if (at >= regex.length()) {
            return 1;
        }
        char c = regex.charAt(at);
        if (c == '*' || c == '+' || c == '?') {
            return -1;
        }
        if (c != '{') {
            return 1;
        }
        int close = regex.indexOf('}', at);
        String count = close < 0 ? "" : regex.substring(at + 1, close);
        if (count.isEmpty() || count.length() > 3 || !count.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int times = Integer.parseInt(count);
        if (times > MAX_REPEAT) {
            return -1;
        }
        at = close + 1;
        if (at < regex.length() && "*+?{".indexOf(regex.charAt(at)) >= 0) {
            return -1; // a lazy or stacked quantifier
        }
        return times;
    }

    /**
     * One atom as GLOB: a single character as itself (backslash before GLOB's {@code * ? [ \}), several as a
     * class, {@code -} last; null for a class holding {@code ] [ \ !}, which a GLOB class treats specially.
     */
    private static String write(BitSet members) {
        if (members.cardinality() == 1) {
            char c = (char) members.nextSetBit(0);
            return "*?[\\".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
        }
        if (members.get(']') || members.get('[') || members.get('\\') || members.get('!')) {
            return null;
        }
        StringBuilder glob = new StringBuilder("[");
        for (int c = members.nextSetBit(0); c >= 0; c = members.nextSetBit(c + 1)) {
            if (c == '-') {
                continue;
            }
            int end = c;
            while (end + 1 < 128 && end + 1 != '-' && members.get(end + 1)) {
                end++;
            }
            if (end - c >= 2) {
                glob.append((char) c).append('-').append((char) end);
                c = end;
            } else {
                glob.append((char) c);
            }
        }
        if (members.get('-')) {
            glob.append('-');
        }
        return glob.append(']').toString();
    }

    private static boolean printable(char c) {
        return c >= ' ' && c <= '~';
    }

    private static BitSet single(char c) {
        BitSet set = new BitSet(128);
        set.set(c);
        return set;
    }

    private static BitSet range(char from, char to) {
        BitSet set = new BitSet(128);
        set.set(from, to + 1);
        return set;
    }

    private static BitSet word() {
        BitSet set = range('0', '9');
        set.or(range('A', 'Z'));
        set.or(range('a', 'z'));
        set.set('_');
        return set;
    }
}
