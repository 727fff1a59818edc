package io.polder.model.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deterministic, bounded mutations of a parsed document, for comparing Polder's verdict with the official one.
 *
 * <p>A mutation does not know whether it breaks the document: dropping an optional key or putting an arbitrary
 * string into a free-text field leaves it valid. The oracle ({@link OfficialSchemas}) decides; the conformance test
 * only demands that Polder decides the same way.
 *
 * <p>Documents are generic trees ({@code Map}/{@code List}/scalars, as {@link Documents#readTree} returns) so that
 * neither side's parser is privileged. The input is never modified; each mutation carries its own deep copy.
 */
public final class Mutations {
    /**
     * Ten of each kind per document. Over the whole corpus that is about 3,500 mutations, which the oracle judges in
     * about 3 s on 2 cores, leaving most of a 30 s budget to Polder's side.
     */
    public static final int DEFAULT_CAP = 40;

    /** The key added by {@link Kind#UNKNOWN_KEY}; no standard defines it. */
    public static final String UNKNOWN_KEY = "polderUnknownKey";
    /** The string put in place of another string by {@link Kind#BAD_ENUM_VALUE}; no enum in any standard lists it. */
    public static final String BAD_ENUM_VALUE = "not-a-valid-value";

    /** What a mutation does at its pointer. */
    public enum Kind {
        /** Removes an object member (breaks the document when the member is required). */
        DROP_KEY,
        /** Replaces a value by one of another JSON type: string→number, number/boolean→string, object→string, array→object. */
        WRONG_TYPE,
        /** Adds {@value #UNKNOWN_KEY} to an object (breaks the document where the schema closes the object). */
        UNKNOWN_KEY,
        /** Replaces a string by {@value #BAD_ENUM_VALUE} (breaks the document where the string is an enum or pattern). */
        BAD_ENUM_VALUE
    }

    /**
     * One mutated document.
     *
     * @param kind what was done
     * @param pointer the JSON pointer (RFC 6901) of the member that was removed, replaced or added
     * @param description a one-line human-readable account, for test names and failure messages
     * @param document the mutated deep copy
     */
    public record Mutation(Kind kind, String pointer, String description, Map<String, Object> document) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** A place in the document where a mutation can be made; {@code path} holds keys (String) and indices (Integer). */
    private record Site(Kind kind, List<Object> path, Object value) {
        String pointer() {
            return Mutations.pointer(path);
        }

        /** The pointer with array indices collapsed: {@code /schema/0/name} and {@code /schema/3/name} look alike. */
        String shape() {
            StringBuilder shape = new StringBuilder();
            for (Object step : path) {
                shape.append('/').append(step instanceof Integer ? "*" : escape((String) step));
            }
            return kind + " " + shape;
        }
    }

    /** A node of the document met during the walk. */
    private record Node(List<Object> path, Object value) {}

    private Mutations() {}

    /** Up to {@link #DEFAULT_CAP} mutations of the document. */
    public static List<Mutation> of(Map<String, ?> document) {
        return of(document, DEFAULT_CAP);
    }

    /**
     * Up to {@code cap} mutations of the document, always the same ones for the same document.
     *
     * <p>Every place is considered, breadth first (so top-level members, where most required fields live, come first).
     * Places that look alike — same kind, same pointer once array indices are ignored — are kept only once (the first),
     * because a schema mostly treats array items alike; where it does not (ODCS servers are one schema per server
     * type), other documents of the corpus cover the other item schemas. If more remain than {@code cap}, the cap is
     * shared evenly between the kinds and each kind is sampled at even intervals, so shallow and deep places are
     * both represented.
     */
    public static List<Mutation> of(Map<String, ?> document, int cap) {
        Map<Kind, List<Site>> sites = distinctSites(document);
        Map<Kind, Integer> quotas = quotas(sites, cap);
        List<Mutation> mutations = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Site site : evenlySpaced(sites.get(kind), quotas.get(kind))) {
                mutations.add(apply(document, site));
            }
        }
        return List.copyOf(mutations);
    }

    /**
     * The mutation of one kind at one pointer, whether or not the sample of {@link #of} would pick it: for tests
     * that need a particular mutation, and for replaying one from a failure message.
     */
    public static Optional<Mutation> at(Map<String, ?> document, Kind kind, String pointer) {
        return sitesBreadthFirst(document).stream()
                .filter(site -> site.kind() == kind && site.pointer().equals(pointer))
                .findFirst()
                .map(site -> apply(document, site));
    }

    private static Map<Kind, List<Site>> distinctSites(Map<String, ?> document) {
        Map<Kind, List<Site>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        Set<String> seenShapes = new LinkedHashSet<>();
        for (Site site : sitesBreadthFirst(document)) {
            if (seenShapes.add(site.shape())) {
                byKind.get(site.kind()).add(site);
            }
        }
        return byKind;
    }

    private static List<Site> sitesBreadthFirst(Map<String, ?> document) {
        List<Site> sites = new ArrayList<>();
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(new Node(List.of(), document));
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            sitesAt(node, sites);
            queue.addAll(children(node));
        }
        return sites;
    }

    /** The mutation places a single node offers. */
    private static void sitesAt(Node node, List<Site> sites) {
        List<Object> path = node.path();
        Object value = node.value();
        switch (value) {
            case Map<?, ?> map -> {
                sites.add(new Site(Kind.UNKNOWN_KEY, append(path, UNKNOWN_KEY), value));
                map.keySet().forEach(key -> sites.add(new Site(Kind.DROP_KEY, append(path, key), map.get(key))));
                if (!path.isEmpty()) { // the root stays an object: every standard's document is one
                    sites.add(new Site(Kind.WRONG_TYPE, path, value));
                }
            }
            case List<?> list -> sites.add(new Site(Kind.WRONG_TYPE, path, value));
            case String text -> {
                sites.add(new Site(Kind.WRONG_TYPE, path, value));
                if (!text.equals(BAD_ENUM_VALUE)) {
                    sites.add(new Site(Kind.BAD_ENUM_VALUE, path, value));
                }
            }
            case Number number -> sites.add(new Site(Kind.WRONG_TYPE, path, value));
            case Boolean bool -> sites.add(new Site(Kind.WRONG_TYPE, path, value));
            case null, default -> { } // null has no type to get wrong; nothing else comes out of a parser
        }
    }

    private static List<Node> children(Node node) {
        List<Node> children = new ArrayList<>();
        if (node.value() instanceof Map<?, ?> map) {
            map.forEach((key, child) -> children.add(new Node(append(node.path(), key), child)));
        } else if (node.value() instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                children.add(new Node(append(node.path(), i), list.get(i)));
            }
        }
        return children;
    }

    /** Shares {@code cap} between the kinds as evenly as their numbers of places allow. */
    private static Map<Kind, Integer> quotas(Map<Kind, List<Site>> sites, int cap) {
        Map<Kind, Integer> quotas = new EnumMap<>(Kind.class);
        sites.keySet().forEach(kind -> quotas.put(kind, 0));
        int left = cap;
        boolean grew = true;
        while (left > 0 && grew) {
            grew = false;
            for (Kind kind : Kind.values()) {
                if (left > 0 && quotas.get(kind) < sites.get(kind).size()) {
                    quotas.merge(kind, 1, Integer::sum);
                    left--;
                    grew = true;
                }
            }
        }
        return quotas;
    }

    /** {@code count} items at even intervals, starting with the first. */
    private static <T> List<T> evenlySpaced(List<T> items, int count) {
        if (count >= items.size()) {
            return items;
        }
        List<T> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(items.get((int) ((long) i * items.size() / count)));
        }
        return chosen;
    }

    private static Mutation apply(Map<String, ?> document, Site site) {
        Map<String, Object> copy = asMap(Documents.copy(document));
        Object parent = navigate(copy, site.path().subList(0, site.path().size() - 1));
        Object last = site.path().getLast();
        String description = switch (site.kind()) {
            case DROP_KEY -> {
                asMap(parent).remove((String) last);
                yield "drop " + site.pointer();
            }
            case UNKNOWN_KEY -> {
                asMap(parent).put(UNKNOWN_KEY, "unexpected");
                yield "add unknown key " + site.pointer();
            }
            case WRONG_TYPE -> {
                Object wrong = wrongType(site.value());
                replace(parent, last, wrong);
                yield "wrong type at " + site.pointer() + ": " + render(site.value()) + " -> " + render(wrong);
            }
            case BAD_ENUM_VALUE -> {
                replace(parent, last, BAD_ENUM_VALUE);
                yield "bad value at " + site.pointer() + ": " + render(site.value()) + " -> " + render(BAD_ENUM_VALUE);
            }
        };
        return new Mutation(site.kind(), site.pointer(), description, copy);
    }

    /**
     * A value of another JSON type. Numbers and booleans become their own text on purpose: a lenient reader that
     * coerces {@code "5432"} back to 5432 is exactly what the conformance test should catch.
     */
    private static Object wrongType(Object value) {
        return switch (value) {
            case String text -> 42;
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case Map<?, ?> map -> "not-an-object";
            case List<?> list -> new LinkedHashMap<>(Map.of("notAn", "array"));
            default -> throw new IllegalArgumentException("no wrong type for " + value);
        };
    }

    private static Object navigate(Object node, List<Object> path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer index ? ((List<?>) current).get(index) : asMap(current).get(step);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static void replace(Object parent, Object step, Object value) {
        if (step instanceof Integer index) {
            ((List<Object>) parent).set(index, value);
        } else {
            asMap(parent).put((String) step, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return (Map<String, Object>) node;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(step);
        return Collections.unmodifiableList(longer);
    }

    /** RFC 6901: the pointer to a node, with {@code ~} and {@code /} escaped in keys. */
    static String pointer(List<Object> path) {
        StringBuilder pointer = new StringBuilder();
        for (Object step : path) {
            pointer.append('/').append(step instanceof Integer ? step.toString() : escape((String) step));
        }
        return pointer.toString();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String render(Object value) {
        String text = switch (value) {
            case String string -> '"' + string + '"';
            case Map<?, ?> map -> "object";
            case List<?> list -> "array";
            default -> String.valueOf(value);
        };
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
