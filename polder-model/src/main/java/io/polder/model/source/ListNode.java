package io.polder.model.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** A sequence (YAML) or array (JSON). */
public record ListNode(Position position, String pointer, List<Node> items) implements Node {
    public ListNode {
        requireNonNull(position, "position is null");
        requireNonNull(pointer, "pointer is null");
        items = List.copyOf(items);
    }

    @Override
    public String kindName() {
        return "a list";
    }

    @Override
    public List<Object> toPlain() {
        List<Object> plain = new ArrayList<>(items.size());
        for (Node item : items) {
            plain.add(item.toPlain());
        }
        return plain;
    }
}
