package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object of a source document, read key by key while remembering which keys found a place in the
 * target. What is left over at the end becomes custom properties, each with a warning, so that nothing
 * is dropped silently. A value of the wrong type is left over too, with the reason in its warning.
 */
final class SourceObject {
    private final MapNode node;
    private final ConversionLog log;
    private final Set<String> placed = new HashSet<>();
    private final Map<String, String> reasons = new HashMap<>();

    SourceObject(MapNode node, ConversionLog log) {
        this.node = requireNonNull(node, "node is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** The object at {@code node}, or an empty one (with a warning) when {@code node} is not an object. */
    static SourceObject of(Node node, ConversionLog log) {
        if (node instanceof MapNode map) {
            return new SourceObject(map, log);
        }
        if (!(node instanceof ScalarNode scalar && scalar.isNull())) {
            log.warning(node, "expected an object, found " + node.kindName() + "; nothing of it is converted");
        }
        return new SourceObject(new MapNode(node.position(), node.pointer(), Map.of()), log);
    }

    MapNode node() {
        return node;
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** The node of {@code key} (or null), which counts as placed in the target. */
    Node take(String key) {
        Node value = node.get(key);
        if (value != null) {
            placed.add(key);
        }
        return value;
    }

    /** Marks {@code key} as carried over (or deliberately consumed) without reading it here. */
    void place(String key) {
        placed.add(key);
    }

    /** Leaves {@code key} for the custom properties, saying why it could not be placed. */
    void leave(String key, String reason) {
        placed.remove(key);
        reasons.put(key, reason);
    }

    /** A string value; numbers and booleans are read as their text (with a warning). */
    String text(String key) {
        Node value = node.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode scalar && scalar.isString()) {
            placed.add(key);
            return (String) scalar.value();
        }
        if (value instanceof ScalarNode scalar && (scalar.isNumber() || scalar.isBoolean())) {
            placed.add(key);
            log.warning(value, "`" + key + "` should be a string; read " + scalar.value() + " as text");
            return String.valueOf(scalar.value());
        }
        reasons.put(key, "`" + key + "` is " + value.kindName() + ", not a string");
        return null;
    }

    Boolean bool(String key) {
        Node value = node.get(key);
        if (value instanceof ScalarNode scalar && scalar.isBoolean()) {
            placed.add(key);
            return (Boolean) scalar.value();
        }
        noteWrongType(key, value, "a boolean");
        return null;
    }

    /** A number as read (Long, BigInteger or Double). */
    Object number(String key) {
        Node value = node.get(key);
        if (value instanceof ScalarNode scalar && scalar.isNumber()) {
            placed.add(key);
            return scalar.value();
        }
        noteWrongType(key, value, "a number");
        return null;
    }

    /** An integer as read (Long or BigInteger; a whole Double such as 3.0 counts, as in JSON Schema). */
    Object integer(String key) {
        Node value = node.get(key);
        if (value instanceof ScalarNode scalar && scalar.isInteger()) {
            placed.add(key);
            return scalar.value() instanceof Double whole ? (Object) whole.longValue() : scalar.value();
        }
        noteWrongType(key, value, "an integer");
        return null;
    }

    /** A list of strings; any other shape is left over. */
    List<String> texts(String key) {
        Node value = node.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ListNode list && list.items().stream()
                .allMatch(item -> item instanceof ScalarNode scalar && scalar.isString())) {
            placed.add(key);
            List<String> texts = new ArrayList<>();
            list.items().forEach(item -> texts.add((String) ((ScalarNode) item).value()));
            return texts;
        }
        reasons.put(key, "`" + key + "` is not a list of strings");
        return null;
    }

    /** Whether every key found a place (so nothing would be left over). */
    boolean allPlaced() {
        return placed.containsAll(node.entries().keySet());
    }

    /**
     * The keys that found no place, as custom properties named {@code prefix + key}, in source order; each
     * one is reported as a warning at its key.
     */
    List<Map<String, Object>> leftovers(String prefix) {
        List<Map<String, Object>> custom = new ArrayList<>();
        for (MapNode.Entry entry : node.entries().values()) {
            if (placed.contains(entry.key())) {
                continue;
            }
            String property = prefix + entry.key();
            String reason = reasons.getOrDefault(entry.key(), "`" + entry.key() + "` has no place in ODCS v3.1.0");
            log.warningAtKey(node, entry.key(), reason + "; kept as custom property `" + property + "`");
            custom.add(Plain.customProperty(property, entry.value().toPlain()));
        }
        return custom;
    }

    private void noteWrongType(String key, Node value, String expected) {
        if (value != null) {
            reasons.put(key, "`" + key + "` is " + value.kindName() + ", not " + expected);
        }
    }

    static boolean isInteger(Object number) {
        return number instanceof Long || number instanceof BigInteger;
    }
}
