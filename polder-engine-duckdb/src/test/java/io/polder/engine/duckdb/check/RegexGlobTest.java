package io.polder.engine.duckdb.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.engine.duckdb.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pattern rewritten as a GLOB must accept exactly the strings RE2 accepts. The reference is DuckDB's own
 * {@code regexp_matches}, asked about the same strings as the GLOB: examples of each pattern and near misses
 * (a character changed, dropped, added, a non-ASCII digit or letter, a trailing newline, another case).
 */
class RegexGlobTest {
    /** Characters a near miss is made of: ASCII of every kind, GLOB's own specials, and non-ASCII look-alikes. */
    private static final String NOISE = "aZz09_-.*?[]\\! \n\té٣Ｚ$^";

    private static Connection duckdb;

    @BeforeAll
    static void open() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void identifierPatternsBecomeGlobs() {
        assertThat(RegexGlob.of("^SKU-[0-9]{7}$")).isEqualTo("SKU-[0-9][0-9][0-9][0-9][0-9][0-9][0-9]");
        assertThat(RegexGlob.of("^[A-Z]{2}\\d{3}$")).isEqualTo("[A-Z][A-Z][0-9][0-9][0-9]");
        assertThat(RegexGlob.of("^ORD-")).as("without $ the rest is anything").isEqualTo("ORD-*");
        assertThat(RegexGlob.of("^[A-Z0-9_-]\\.x$")).isEqualTo("[0-9A-Z_-].x");
        assertThat(RegexGlob.of("^\\w$")).isEqualTo("[0-9A-Z_a-z]");
        assertThat(RegexGlob.of("^a\\*b\\?c\\[d\\\\$")).as("GLOB's specials escaped").isEqualTo("a\\*b\\?c\\[d\\\\");
        assertThat(RegexGlob.of("^[*]x[?]$")).isEqualTo("\\*x\\?");
        assertThat(RegexGlob.of("^$")).isEqualTo("");
        assertThat(RegexGlob.of("^a{0}b$")).isEqualTo("b");
    }

    @Test
    void everythingElseStaysARegularExpression() {
        for (String regex : List.of("SKU-[0-9]{7}$", "@example[.]com$", "^a.c$", "^a|b$", "^(ab)$", "^[^0-9]$",
                "^[0-9]+$", "^[0-9]*$", "^a?$", "^[0-9]{1,3}$", "^[0-9]{2,}$", "^[0-9]{101}$", "^\\s$", "^\\D$",
                "^\\bx$", "^[[:alpha:]]$", "^[]a]$", "^[a\\]]$", "^[!a]$", "^é$", "^a$b", "^a{2}?$", "^a{2}{3}$",
                "^(?i)a$", "^[z-a]$", "^[0-\\d]$", "^a\\", "^[ab", "^\\Qa\\E$", "^\\x41$", "^\\pL$")) {
            assertThat(RegexGlob.of(regex)).as(regex).isNull();
        }
    }

    @Test
    void aGlobAcceptsExactlyWhatRe2Accepts() throws SQLException {
        List<String> patterns = new ArrayList<>(List.of("^SKU-[0-9]{7}$", "^ORD-[0-9]{9}$", "^[A-Z]{2}\\d{6}$",
                "^\\w{3}-\\w$", "^[a-z0-9_-]{4}$", "^ORD-", "^a\\*b\\?c\\[d\\\\$", "^[.]x\\.$", "^$", "^", "^[-a]{2}$",
                "^[+-]\\d$"));
        Random random = new Random(7);
        while (patterns.size() < 200) {
            String regex = randomRegex(random);
            if (RegexGlob.of(regex) != null) {
                patterns.add(regex);
            }
        }
        int compared = 0;
        int matched = 0;
        for (String regex : patterns) {
            String glob = RegexGlob.of(regex);
            assertThat(glob).as(regex).isNotNull();
            Set<String> candidates = candidates(glob, random);
            for (String value : candidates) {
                boolean re2 = ask("regexp_matches(" + Sql.literal(value) + ", " + Sql.literal(regex) + ")");
                boolean globbed = ask(Sql.literal(value) + " GLOB " + Sql.literal(glob));
                assertThat(globbed).as("%s as GLOB %s on %s", regex, glob, printable(value)).isEqualTo(re2);
                compared++;
                matched += re2 ? 1 : 0;
            }
        }
        assertThat(matched).as("examples that match").isGreaterThan(500);
        assertThat(compared - matched).as("near misses that do not").isGreaterThan(2000);
    }

    private static boolean ask(String expression) throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery("SELECT " + expression)) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /** A pattern from the subset's pieces and from outside it; the rewriter decides which it takes. */
    private static String randomRegex(Random random) {
        String[] atoms = {"a", "Z", "0", "-", "_", " ", ",", "\\.", "\\-", "\\*", "\\\\", "\\d", "\\w", "[0-9]", "[A-Z]",
                "[a-z0-9_-]", "[.]", "[.,]", "[*?]", "[a\\-z]", "[\\d_]", "[\\w.]", "[+-]", "[A-Fa-f0-9]", "é", ".", "(",
                "[^a]"};
        String[] quantifiers = {"", "", "", "{2}", "{0}", "{3}", "+", "?"};
        StringBuilder regex = new StringBuilder("^");
        int length = 1 + random.nextInt(5);
        for (int i = 0; i < length; i++) {
            regex.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
        }
        return random.nextBoolean() ? regex.append('$').toString() : regex.toString();
    }

    /** Examples of the GLOB, each then changed in one place; and the empty string. */
    private static Set<String> candidates(String glob, Random random) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add("");
        for (int example = 0; example < 4; example++) {
            String value = example(glob, random);
            candidates.add(value);
            candidates.add(value + "\n");
            candidates.add(value + NOISE.charAt(random.nextInt(NOISE.length())));
            candidates.add(NOISE.charAt(random.nextInt(NOISE.length())) + value);
            candidates.add(value.toUpperCase());
            candidates.add(value.toLowerCase());
            if (!value.isEmpty()) {
                int at = random.nextInt(value.length());
                char noise = NOISE.charAt(random.nextInt(NOISE.length()));
                candidates.add(value.substring(0, at) + noise + value.substring(at + 1));
                candidates.add(value.substring(0, at) + value.substring(at + 1));
                candidates.add(value.substring(0, at) + noise + value.substring(at));
                candidates.add(value.substring(0, at) + "٣" + value.substring(at + 1));
            }
        }
        return candidates;
    }

    /** A string the GLOB accepts: each class gives one of its characters, {@code *} up to three of anything. */
    private static String example(String glob, Random random) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                value.append(glob.charAt(++i));
            } else if (c == '*') {
                for (int n = random.nextInt(4); n > 0; n--) {
                    value.append(NOISE.charAt(random.nextInt(NOISE.length())));
                }
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                List<Character> members = new ArrayList<>();
                String body = glob.substring(i + 1, close);
                for (int k = 0; k < body.length(); k++) {
                    if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                        for (char m = body.charAt(k); m <= body.charAt(k + 2); m++) {
                            members.add(m);
                        }
                        k += 2;
                    } else {
                        members.add(body.charAt(k));
                    }
                }
                value.append(members.get(random.nextInt(members.size())));
                i = close;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static String printable(String value) {
        return value.replace("\n", "\\n").replace("\t", "\\t");
    }
}
