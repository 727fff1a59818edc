package io.polder.model.dcs;

import io.polder.model.bind.Fields;
import io.polder.model.bind.Hints;
import io.polder.model.bind.StandardEnum;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.problem.Severity;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The fields of one DCS object. It wraps {@link Fields} and adds what the DCS schema needs beyond it: objects
 * whose keys are names (models, fields, definitions, links), lists of any JSON values, and a warning for
 * near-miss spellings. Every DCS object is open (the schema never sets {@code additionalProperties: false}),
 * so an unknown field is never an error; a field one typo away from a defined one is worth a warning, because
 * it is silently ignored otherwise.
 */
final class DcsFields {
    private final Fields fields;
    private final Set<String> read = new HashSet<>();

    private DcsFields(Fields fields) {
        this.fields = fields;
    }

    /** The fields of {@code node}, or null (with a problem naming {@code what}) when it is not an object. */
    static DcsFields of(Node node, String what, Problems problems) {
        if (node instanceof MapNode) {
            return new DcsFields(Fields.of(node, problems));
        }
        problems.error(node, what + " must be an object, found " + node.kindName());
        return null;
    }

    Problems problems() {
        return fields.problems();
    }

    MapNode node() {
        return fields.node();
    }

    /** The value of a field without reading it, for conditions (the schema's {@code if}). */
    Node peek(String key) {
        return fields.node().get(key);
    }

    /** Marks fields as defined without checking them: the schema puts no constraint on their values. */
    void allow(String... keys) {
        read.addAll(Arrays.asList(keys));
    }

    Node raw(String key) {
        read.add(key);
        return fields.raw(key);
    }

    void require(String... keys) {
        read.addAll(Arrays.asList(keys));
        fields.require(keys);
    }

    String string(String key) {
        read.add(key);
        return fields.string(key);
    }

    void strings(String... keys) {
        for (String key : keys) {
            string(key);
        }
    }

    String string(String key, Pattern pattern, String expectation) {
        read.add(key);
        return fields.string(key, pattern, expectation);
    }

    void integer(String... keys) {
        read.addAll(Arrays.asList(keys));
        for (String key : keys) {
            fields.integer(key);
        }
    }

    void number(String... keys) {
        read.addAll(Arrays.asList(keys));
        for (String key : keys) {
            fields.number(key);
        }
    }

    void bool(String... keys) {
        read.addAll(Arrays.asList(keys));
        for (String key : keys) {
            fields.bool(key);
        }
    }

    <E extends Enum<E> & StandardEnum> E choice(String key, Class<E> type) {
        read.add(key);
        return fields.choice(key, type);
    }

    /** A list of strings. */
    List<String> stringList(String key) {
        read.add(key);
        return fields.strings(key);
    }

    /** A list of any JSON values (the schema's {@code type: array} without {@code items}). */
    ListNode list(String key) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ListNode list) {
            return list;
        }
        problems().error(value, "`" + key + "` must be a list, found " + value.kindName());
        return null;
    }

    /** A list whose items are objects, each checked by {@code check}. */
    void objects(String key, String itemNoun, Consumer<DcsFields> check) {
        ListNode list = list(key);
        if (list == null) {
            return;
        }
        for (Node item : list.items()) {
            DcsFields itemFields = of(item, "each " + itemNoun + " in `" + key + "`", problems());
            if (itemFields != null) {
                check.accept(itemFields);
            }
        }
    }

    /** A nested object checked by {@code check}. */
    void object(String key, Consumer<DcsFields> check) {
        Node value = raw(key);
        if (value == null) {
            return;
        }
        DcsFields nested = of(value, "`" + key + "`", problems());
        if (nested != null) {
            check.accept(nested);
        }
    }

    /**
     * An object whose keys are names of things ({@code noun}s) and whose values are objects checked by
     * {@code check}, which receives the name too.
     */
    void named(String key, Names names, NamedCheck check) {
        MapNode map = namedMap(key, names);
        if (map == null) {
            return;
        }
        for (MapNode.Entry entry : map.entries().values()) {
            DcsFields value = of(entry.value(), names.noun() + " `" + entry.key() + "`", problems());
            if (value != null) {
                check.accept(entry.key(), value);
            }
        }
    }

    /** The schema's {@code links}: at least one, named by letters, digits, '_' and '-', each a string (a URL). */
    void links(String key) {
        MapNode links = namedMap(key, Names.LINKS);
        if (links == null) {
            return;
        }
        for (MapNode.Entry entry : links.entries().values()) {
            if (!(entry.value() instanceof ScalarNode scalar && scalar.isString())) {
                problems().error(entry.value(), "link `" + entry.key() + "` must be a string (a URL), found "
                        + entry.value().kindName());
            }
        }
    }

    /** An object of named entries: checks the object itself, its size and its keys; null if it is not an object. */
    private MapNode namedMap(String key, Names names) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof MapNode map)) {
            problems().error(value, "`" + key + "` must be an object of " + names.noun() + "s by name, found "
                    + value.kindName());
            return null;
        }
        if (map.entries().size() < names.minimum()) {
            problems().error(map, "`" + key + "` must name at least one " + names.noun());
        }
        if (names.pattern() != null) {
            for (MapNode.Entry entry : map.entries().values()) {
                if (!names.pattern().matcher(entry.key()).find()) {
                    problems().error(entry.keyPosition(), entry.value().pointer(), names.noun() + " name `"
                            + entry.key() + "` " + names.expectation());
                }
            }
        }
        return map;
    }

    /**
     * Warns about fields the schema does not define but whose name is one typo away from a field it does
     * define here: the object is open, so they are allowed, and ignored.
     */
    void warnNearMisses() {
        for (MapNode.Entry entry : node().entries().values()) {
            if (read.contains(entry.key())) {
                continue;
            }
            String nearest = Hints.nearest(entry.key(), read);
            if (nearest != null) {
                problems().add(new Problem(problems().file(), entry.keyPosition(), entry.value().pointer(),
                        Severity.WARNING, "unknown field `" + entry.key() + "`; did you mean `" + nearest
                                + "`? (DCS allows extra fields, so it is accepted but means nothing)"));
            }
        }
    }

    /** Checks one named entry of an object of named entries. */
    @FunctionalInterface
    interface NamedCheck {
        void accept(String name, DcsFields value);
    }

    /**
     * How the keys of an object of named entries are constrained: the schema's {@code minProperties} and
     * {@code propertyNames.pattern}.
     *
     * @param noun what one entry is, for messages ("model", "definition", ...)
     * @param minimum the fewest entries allowed
     * @param pattern what every key must match, or null
     * @param expectation the rule of {@code pattern} in words
     */
    record Names(String noun, int minimum, Pattern pattern, String expectation) {
        /** Model and link names. The schema's {@code $} is ECMAScript's: it ends the text, as {@code \z} does. */
        static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]+\\z");
        /** Definition names may also hold '/', to encode a domain: {@code checkout/order_id}. */
        static final Pattern DEFINITION_NAME = Pattern.compile("^[a-zA-Z0-9/_-]+\\z");

        static final Names MODELS = new Names("model", 1, NAME, "may only contain letters, digits, '_' and '-'");
        static final Names DEFINITIONS = new Names("definition", 0, DEFINITION_NAME,
                "may only contain letters, digits, '/', '_' and '-'");
        static final Names LINKS = new Names("link", 1, NAME, "may only contain letters, digits, '_' and '-'");
        static final Names FIELDS = new Names("field", 0, null, null);
        static final Names SERVERS = new Names("server", 0, null, null);
    }
}
