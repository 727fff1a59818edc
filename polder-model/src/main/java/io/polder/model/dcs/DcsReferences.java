package io.polder.model.dcs;

import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A field's {@code $ref} names a definition whose properties it inherits ({@code '#/definitions/order_id'}).
 * The schema only asks for a string; a reference within the document that points to nothing is almost surely a
 * mistake, so Polder warns about it. References to other files or URLs are not followed.
 */
final class DcsReferences {
    private DcsReferences() {
    }

    static void warnUnresolved(SourceDocument document, Problems problems) {
        if (document.root() instanceof MapNode root && root.get("models") instanceof MapNode models) {
            for (MapNode.Entry model : models.entries().values()) {
                if (model.value() instanceof MapNode modelNode) {
                    visit(modelNode.get("fields"), document, problems);
                }
            }
        }
    }

    /** Walks a {@code fields} object and the fields nested in it. */
    private static void visit(Node fields, SourceDocument document, Problems problems) {
        if (fields instanceof MapNode map) {
            for (MapNode.Entry entry : map.entries().values()) {
                if (entry.value() instanceof MapNode field) {
                    field(field, document, problems);
                }
            }
        }
    }

    private static void field(MapNode field, SourceDocument document, Problems problems) {
        check(field.get("$ref"), document, problems);
        visit(field.get("fields"), document, problems);
        for (String nested : new String[] {"items", "keys", "values"}) {
            if (field.get(nested) instanceof MapNode single) {
                field(single, document, problems);
            }
        }
    }

    private static void check(Node reference, SourceDocument document, Problems problems) {
        if (!(reference instanceof ScalarNode scalar) || !(scalar.value() instanceof String text)
                || !text.startsWith("#")) {
            return;
        }
        String pointer = decode(text.substring(1));
        if (!pointer.isEmpty() && !document.nodeAt(pointer).pointer().equals(pointer)) {
            problems.warning(reference, "`$ref` '" + text + "' points to nothing in this document");
        }
    }

    /** A URI fragment is percent-encoded; a JSON pointer is not. */
    private static String decode(String fragment) {
        if (!fragment.contains("%")) {
            return fragment;
        }
        try {
            return URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return fragment;
        }
    }
}
