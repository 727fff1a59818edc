package io.polder.model.odcs;

import io.polder.model.bind.Fields;
import io.polder.model.bind.Hints;
import io.polder.model.bind.StandardEnum;
import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The fields of one ODCS object, bound by the rules of one ODCS version. It wraps {@link Fields} and adds
 * what ODCS needs beyond it: the version being read, and objects that the v3.0 schema leaves open (their
 * unknown fields are kept, in order, so a round trip is exact) while v3.1 closes them.
 */
final class OdcsFields {
    /** The schema's {@code StableId}: letters, digits, '_' and '-'. */
    static final Pattern STABLE_ID = Pattern.compile("^[A-Za-z0-9_-]+$");

    private final Fields fields;
    private final OdcsVersion version;
    private final Set<String> consumed = new HashSet<>();
    private final Map<String, String> explanations = new LinkedHashMap<>();

    private OdcsFields(Fields fields, OdcsVersion version) {
        this.fields = fields;
        this.version = version;
    }

    /** Binds {@code node} as an object, or records "expected an object" and returns null. */
    static <T> T bind(Node node, Problems problems, OdcsVersion version, Function<OdcsFields, T> binder) {
        Fields fields = Fields.of(node, problems);
        return fields == null ? null : binder.apply(new OdcsFields(fields, version));
    }

    OdcsVersion version() {
        return version;
    }

    boolean isV31() {
        return version.isAtLeast(OdcsVersion.V3_1);
    }

    Problems problems() {
        return fields.problems();
    }

    MapNode node() {
        return fields.node();
    }

    /** Whether the field is present; does not count as reading it. */
    boolean has(String key) {
        return fields.node().has(key);
    }

    Node raw(String key) {
        consumed.add(key);
        return fields.raw(key);
    }

    void require(String... keys) {
        consumed.addAll(Arrays.asList(keys));
        fields.require(keys);
    }

    String string(String key) {
        consumed.add(key);
        return fields.string(key);
    }

    String requiredString(String key) {
        consumed.add(key);
        return fields.requiredString(key);
    }

    Long integer(String key) {
        consumed.add(key);
        return fields.integer(key);
    }

    Long integer(String key, long minimum) {
        consumed.add(key);
        return fields.integer(key, minimum);
    }

    Number number(String key) {
        consumed.add(key);
        return fields.number(key);
    }

    Boolean bool(String key) {
        consumed.add(key);
        return fields.bool(key);
    }

    List<String> strings(String key) {
        consumed.add(key);
        return fields.strings(key);
    }

    /** Any JSON value, deep-copied; absent and null alike give null. */
    Object any(String key) {
        consumed.add(key);
        return PlainValues.copy(fields.any(key));
    }

    /** An object whose content the standard leaves free ({@code arguments}, {@code logicalTypeOptions} of a boolean). */
    Map<String, Object> freeObject(String key) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof MapNode map) {
            return PlainValues.copyMap(map.toPlain());
        }
        problems().error(value, "`" + key + "` must be an object, found " + value.kindName());
        return null;
    }

    <E extends Enum<E> & StandardEnum> E choice(String key, Class<E> type) {
        consumed.add(key);
        return fields.choice(key, type);
    }

    /**
     * One of a standard's spellings, of which some exist only in later versions: {@code introducedIn} tells
     * which version introduced each, and the message says so when a contract uses one too early.
     */
    <E extends Enum<E> & StandardEnum> E versionedChoice(String key, Class<E> type, Function<E, OdcsVersion> introducedIn) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        E match = Fields.lookup(type, value);
        if (match != null && version.isAtLeast(introducedIn.apply(match))) {
            return match;
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .filter(constant -> version.isAtLeast(introducedIn.apply(constant)))
                .map(StandardEnum::value)
                .toList();
        String message = "`" + key + "` must be one of " + String.join(", ", allowed) + "; found '" + value + "'";
        if (match != null) {
            message += "; `" + value + "` is new in ODCS " + introducedIn.apply(match).schemaVersion()
                    + ", and this contract is read as ODCS " + version.label();
        } else {
            String nearest = Hints.nearest(value, allowed);
            message += nearest == null ? "" : "; did you mean `" + nearest + "`?";
        }
        problems().error(fields.node().get(key), message);
        return null;
    }

    <T> List<T> objects(String key, Function<OdcsFields, T> binder) {
        consumed.add(key);
        return fields.list(key, (item, problems) -> bind(item, problems, version, binder));
    }

    <T> T object(String key, Function<OdcsFields, T> binder) {
        Node value = raw(key);
        return value == null ? null : bind(value, problems(), version, binder);
    }

    <T> List<T> list(String key, Fields.ItemBinder<T> binder) {
        consumed.add(key);
        return fields.list(key, binder);
    }

    /** The element's {@code id}, a StableId, which v3.1 added to every object but the contract itself. */
    String stableId() {
        if (!isV31()) {
            newInV31("id");
            return null;
        }
        consumed.add("id");
        return fields.string("id", STABLE_ID, "must be a stable identifier: letters, digits, '_' and '-' only");
    }

    /** Fields that ODCS added in v3.1.0; in a v3.0 contract they are unknown (or kept, if the object is open). */
    void newInV31(String... keys) {
        for (String key : keys) {
            explain(key, "`" + key + "` is new in ODCS v3.1.0, and this contract is read as ODCS " + version.label()
                    + " (declare apiVersion: v3.1.0 to use it)");
        }
    }

    /** Says why {@code key} is not allowed here, should it appear in an object that does not allow it. */
    void explain(String key, String why) {
        explanations.putIfAbsent(key, why);
    }

    void explainAll(Map<String, String> nearMisses) {
        nearMisses.forEach(this::explain);
    }

    /** Finishes an object the schema closes: every field not read is reported, with a hint where one helps. */
    void close() {
        for (MapNode.Entry entry : fields.node().entries().values()) {
            String key = entry.key();
            String why = explanations.get(key);
            if (!consumed.contains(key) && why != null) {
                fields.raw(key);
                problems().error(entry.keyPosition(), entry.value().pointer(), "unknown field `" + key + "`; " + why);
            }
        }
        fields.rejectUnknown();
    }

    /** Finishes an object the schema leaves open: the fields not read, in order, or null if there are none. */
    Map<String, Object> rest() {
        Map<String, Object> rest = new LinkedHashMap<>();
        for (MapNode.Entry entry : fields.node().entries().values()) {
            if (!consumed.contains(entry.key())) {
                rest.put(entry.key(), fields.raw(entry.key()).toPlain());
            }
        }
        return rest.isEmpty() ? null : PlainValues.copyMap(rest);
    }

    /** Most objects are open in the v3.0 schema (no additionalProperties) and closed in v3.1. */
    Map<String, Object> closeInV31() {
        if (isV31()) {
            close();
            return null;
        }
        return rest();
    }

    /** The present fields, among {@code keys}, in document order. */
    List<String> presentOf(Set<String> keys) {
        return fields.node().entries().keySet().stream().filter(keys::contains).toList();
    }

    /** A scalar field's value when it satisfies {@code test}, without reading the field (for if/then conditions). */
    boolean peek(String key, Predicate<Object> test) {
        return fields.node().get(key) instanceof ScalarNode scalar && test.test(scalar.value());
    }
}
