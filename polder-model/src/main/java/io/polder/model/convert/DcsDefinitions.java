package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a field's {@code $ref} to the document's {@code definitions} by inlining: the definition's
 * values first, the field's own values over them. ODCS has no definitions, so this is the only way to
 * keep what a definition says on the property. References to other files are not fetched.
 */
final class DcsDefinitions {
    static final String REFERENCE = "$ref";
    private static final String PREFIX = "#/definitions/";
    /** Keys that describe the definition itself, not the field that refers to it. */
    private static final Set<String> DEFINITION_ONLY = Set.of("id", "name", "domain");

    private final MapNode definitions;
    private final ConversionLog log;
    private final Deque<String> resolving = new ArrayDeque<>();

    DcsDefinitions(Node definitions, ConversionLog log) {
        this.definitions = definitions instanceof MapNode map ? map : null;
        this.log = requireNonNull(log, "log is null");
    }

    /** The field with its definition inlined; unchanged (so its {@code $ref} is kept) when that is impossible. */
    MapNode resolve(MapNode field) {
        if (!(field.get(REFERENCE) instanceof ScalarNode scalar && scalar.value() instanceof String reference)) {
            return field;
        }
        if (!reference.startsWith(PREFIX)) {
            log.warning(field.get(REFERENCE), "cannot resolve `$ref: " + reference + "`: only references to this"
                    + " document's definitions (#/definitions/...) are inlined");
            return field;
        }
        String name = reference.substring(PREFIX.length()).replace("~1", "/").replace("~0", "~");
        Node definition = definitions == null ? null : definitions.get(name);
        if (!(definition instanceof MapNode definitionMap) || resolving.contains(name)) {
            log.warning(field.get(REFERENCE), definition == null ? "`$ref: " + reference + "` names no definition"
                    : "`$ref: " + reference + "` cannot be inlined (not an object, or it refers to itself)");
            return field;
        }
        resolving.push(name);
        try {
            return merge(resolve(definitionMap), field);
        } finally {
            resolving.pop();
        }
    }

    private static MapNode merge(MapNode definition, MapNode field) {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        definition.entries().forEach((key, entry) -> {
            if (!DEFINITION_ONLY.contains(key) && !key.equals(REFERENCE)) {
                entries.put(key, entry);
            }
        });
        field.entries().forEach((key, entry) -> {
            if (!key.equals(REFERENCE)) {
                entries.put(key, entry);
            }
        });
        return new MapNode(field.position(), field.pointer(), entries);
    }
}
