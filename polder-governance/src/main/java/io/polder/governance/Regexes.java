package io.polder.governance;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL's {@code matches}, with compiled patterns kept: CEL's own compiles the pattern at every call, which
 * costs far more than the match when a policy tests every property of a mesh. RE2 semantics as CEL
 * specifies: linear time whatever the input (no backtracking), and a match anywhere in the string unless
 * the pattern is anchored with {@code ^...$}. The answers for short inputs are kept too, per pattern: a
 * mesh names its columns with the same few hundred names (customer_id, created_at, ...) over and over.
 */
final class Regexes {
    static final int MAX_PATTERN_LENGTH = 1_000;
    private static final int MAX_CACHED = 1_000;
    private static final int MAX_REMEMBERED_INPUT = 128;
    private static final int MAX_REMEMBERED = 10_000;

    /** A compiled pattern and the answers it gave. */
    private record Compiled(Pattern pattern, ConcurrentHashMap<String, Boolean> answers) {
        boolean find(String text) {
            if (text.length() > MAX_REMEMBERED_INPUT) {
                return pattern.matcher(text).find();
            }
            Boolean known = answers.get(text);
            if (known == null) {
                known = pattern.matcher(text).find();
                if (answers.size() >= MAX_REMEMBERED) {
                    answers.clear();
                }
                answers.put(text, known);
            }
            return known;
        }
    }

    private final ConcurrentHashMap<String, Compiled> compiled = new ConcurrentHashMap<>();

    List<CelFunctionBinding> bindings() {
        return List.of(CelFunctionBinding.from("matches", String.class, String.class, this::matches),
                CelFunctionBinding.from("matches_string", String.class, String.class, this::matches));
    }

    boolean matches(String text, String regex) throws CelEvaluationException {
        Compiled pattern = compiled.get(regex);
        if (pattern == null) {
            pattern = new Compiled(compile(regex), new ConcurrentHashMap<>());
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear(); // patterns built at run time from data: rare, and recompiling is only slower
            }
            compiled.put(regex, pattern);
        }
        return pattern.find(text);
    }

    /** The pattern, or the reason it is refused. */
    static Pattern compile(String regex) throws CelEvaluationException {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new CelEvaluationException("regular expression is " + regex.length() + " characters long; at most "
                    + MAX_PATTERN_LENGTH + " are allowed");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CelEvaluationException("invalid regular expression: " + e.getMessage());
        }
    }
}
