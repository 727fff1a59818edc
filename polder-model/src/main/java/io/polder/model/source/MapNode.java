package io.polder.model.source;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping (YAML) or object (JSON). Keys keep their order and their own positions. */
public record MapNode(Position position, String pointer, Map<String, Entry> entries) implements Node {

    /** One key and its value; the key's position is where "unknown field" problems point. */
    public record Entry(String key, Position keyPosition, Node value) {
        public Entry {
            requireNonNull(key, "key is null");
            requireNonNull(keyPosition, "keyPosition is null");
            requireNonNull(value, "value is null");
        }
    }

    public MapNode {
        requireNonNull(position, "position is null");
        requireNonNull(pointer, "pointer is null");
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Node get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    @Override
    public String kindName() {
        return "an object";
    }

    @Override
    public Map<String, Object> toPlain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        entries.forEach((key, entry) -> plain.put(key, entry.value().toPlain()));
        return plain;
    }
}
