package io.polder.model.bind;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problems;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds the fields of one object node into Java values, recording a positioned problem for every field
 * that is missing, of the wrong type or not allowed. This is how Polder validates a document: binding and
 * validation are one pass, so the typed model and the verdict can never disagree.
 *
 * <p>Every accessor registers its key as known; {@link #rejectUnknown()} then reports the keys the
 * standard does not define, with hints for near-misses. An accessor returns {@code null} when the field
 * is absent or unusable; the problem is already recorded.
 */
public final class Fields {
    private final MapNode node;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(MapNode node, Problems problems) {
        this.node = requireNonNull(node, "node is null");
        this.problems = requireNonNull(problems, "problems is null");
    }

    /** Fields of {@code node} if it is an object; otherwise records "expected an object" and returns null. */
    public static Fields of(Node node, Problems problems) {
        if (node instanceof MapNode map) {
            return new Fields(map, problems);
        }
        problems.error(node, "expected an object, found " + node.kindName());
        return null;
    }

    /** Binds {@code node} as an object with {@code binder}, or returns null if it is not an object. */
    public static <T> T bind(Node node, Problems problems, Function<Fields, T> binder) {
        Fields fields = of(node, problems);
        return fields == null ? null : binder.apply(fields);
    }

    public MapNode node() {
        return node;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        known.add(key);
        return node.has(key);
    }

    /** The raw node of a field, for shapes the typed accessors do not cover; marks the key known. */
    public Node raw(String key) {
        known.add(key);
        return node.get(key);
    }

    /** Records that {@code keys} are required; each missing one is a problem. */
    public Fields require(String... keys) {
        for (String key : keys) {
            known.add(key);
            if (!node.has(key)) {
                problems.error(node, "missing required field `" + key + "`");
            }
        }
        return this;
    }

    public String string(String key) {
        ScalarNode scalar = scalar(key, "a string", ScalarNode::isString);
        return scalar == null ? null : (String) scalar.value();
    }

    public String requiredString(String key) {
        require(key);
        return string(key);
    }

    /** A string that must match {@code pattern} (JSON Schema {@code pattern}: found anywhere unless anchored). */
    public String string(String key, Pattern pattern, String expectation) {
        String value = string(key);
        if (value != null && !pattern.matcher(value).find()) {
            problems.error(node.get(key), "`" + key + "` " + expectation + ", found '" + abbreviate(value) + "'");
        }
        return value;
    }

    public Long integer(String key) {
        ScalarNode scalar = scalar(key, "an integer", ScalarNode::isInteger);
        return scalar == null ? null : ((Number) scalar.value()).longValue();
    }

    /** An integer that must be at least {@code minimum}. */
    public Long integer(String key, long minimum) {
        Long value = integer(key);
        if (value != null && value < minimum) {
            problems.error(node.get(key), "`" + key + "` must be at least " + minimum + ", found " + value);
        }
        return value;
    }

    public Number number(String key) {
        ScalarNode scalar = scalar(key, "a number", ScalarNode::isNumber);
        return scalar == null ? null : (Number) scalar.value();
    }

    public Boolean bool(String key) {
        ScalarNode scalar = scalar(key, "a boolean (true or false)", ScalarNode::isBoolean);
        return scalar == null ? null : (Boolean) scalar.value();
    }

    /** One of a standard's enumerated spellings. */
    public <E extends Enum<E> & StandardEnum> E choice(String key, Class<E> type) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        E match = lookup(type, value);
        if (match == null) {
            problems.error(node.get(key), notOneOf(key, value, type));
        }
        return match;
    }

    public <E extends Enum<E> & StandardEnum> E requiredChoice(String key, Class<E> type) {
        require(key);
        return choice(key, type);
    }

    /** A list of strings; {@code null} when absent. */
    public List<String> strings(String key) {
        return list(key, (item, problems) -> {
            if (item instanceof ScalarNode scalar && scalar.isString()) {
                return (String) scalar.value();
            }
            problems.error(item, "expected a string, found " + item.kindName());
            return null;
        });
    }

    /** A list whose items are objects bound by {@code binder}; {@code null} when absent. */
    public <T> List<T> objects(String key, Function<Fields, T> binder) {
        return list(key, (item, problems) -> bind(item, problems, binder));
    }

    /** A list whose items are bound by {@code binder}; items it cannot bind are left out (and reported by it). */
    public <T> List<T> list(String key, ItemBinder<T> binder) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ListNode list)) {
            problems.error(value, "`" + key + "` must be a list, found " + value.kindName());
            return null;
        }
        List<T> bound = new ArrayList<>(list.items().size());
        for (Node item : list.items()) {
            T result = binder.bind(item, problems);
            if (result != null) {
                bound.add(result);
            }
        }
        return bound;
    }

    /** A nested object bound by {@code binder}; {@code null} when absent or not an object. */
    public <T> T object(String key, Function<Fields, T> binder) {
        Node value = raw(key);
        return value == null ? null : bind(value, problems, binder);
    }

    /** Any JSON value, as plain Java (Map, List, String, Long, Double, Boolean); absent and null alike give null. */
    public Object any(String key) {
        Node value = raw(key);
        return value == null ? null : value.toPlain();
    }

    /** Reports every field of this object that no accessor asked for. */
    public void rejectUnknown() {
        for (MapNode.Entry entry : node.entries().values()) {
            if (!known.contains(entry.key())) {
                problems.error(entry.keyPosition(), entry.value().pointer(),
                        "unknown field `" + entry.key() + "`" + Hints.forUnknownField(entry.key(), known));
            }
        }
    }

    /** Binds one item of a list. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        T bind(Node item, Problems problems);
    }

    private ScalarNode scalar(String key, String expected, java.util.function.Predicate<ScalarNode> accepts) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode scalar && accepts.test(scalar)) {
            return scalar;
        }
        problems.error(value, "`" + key + "` must be " + expected + ", found " + value.kindName());
        return null;
    }

    public static <E extends Enum<E> & StandardEnum> E lookup(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    public static <E extends Enum<E> & StandardEnum> String notOneOf(String key, String value, Class<E> type) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(StandardEnum::value).toList();
        String nearest = Hints.nearest(value, allowed);
        String listed = allowed.size() <= 12 ? allowed.stream().collect(Collectors.joining(", "))
                : String.join(", ", allowed.subList(0, 12)) + ", ... (" + allowed.size() + " in all)";
        return "`" + key + "` must be one of " + listed + "; found '" + abbreviate(value) + "'"
                + (nearest == null ? "" : "; did you mean `" + nearest + "`?");
    }

    static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }
}
