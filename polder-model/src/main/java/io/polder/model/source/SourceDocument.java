package io.polder.model.source;

import static java.util.Objects.requireNonNull;

/**
 * One parsed document and where it came from. {@code file} is the path as the user named it, so that
 * problems print the way the user will look for them.
 */
public record SourceDocument(String file, SourceFormat format, Node root) {
    public SourceDocument {
        requireNonNull(file, "file is null");
        requireNonNull(format, "format is null");
        requireNonNull(root, "root is null");
    }

    /** The node at a JSON pointer, or the nearest existing ancestor, so a problem can always be placed. */
    public Node nodeAt(String pointer) {
        return Pointers.resolveNearest(root, pointer);
    }

    public Position positionOf(String pointer) {
        return nodeAt(pointer).position();
    }
}
