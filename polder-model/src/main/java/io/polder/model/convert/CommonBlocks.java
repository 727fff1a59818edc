package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks shared across ODCS sections, brought to v3.1.0 where it became stricter: custom properties
 * now need {@code property} and {@code value} and allow nothing else, authoritative definitions allow
 * nothing beyond {@code id}, {@code url}, {@code type} and {@code description}.
 */
final class CommonBlocks {
    private static final Set<String> CUSTOM_PROPERTY_KEYS = Set.of("id", "property", "value", "description");
    private static final Set<String> DEFINITION_KEYS = Set.of("id", "url", "type", "description");

    private final ConversionLog log;

    CommonBlocks(ConversionLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    /** A {@code customProperties} list; a key a custom property may not have becomes its own custom property. */
    Object customProperties(Node node) {
        if (!(node instanceof ListNode list)) {
            return node.toPlain();
        }
        List<Object> converted = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof MapNode map) {
                converted.addAll(customProperty(map));
            } else {
                converted.add(item.toPlain());
            }
        }
        return converted;
    }

    private List<Map<String, Object>> customProperty(MapNode node) {
        Map<String, Object> custom = Plain.map();
        List<Map<String, Object>> split = new ArrayList<>();
        for (MapNode.Entry entry : node.entries().values()) {
            if (CUSTOM_PROPERTY_KEYS.contains(entry.key())) {
                custom.put(entry.key(), entry.value().toPlain());
            }
        }
        if (!node.has("property")) {
            log.error(node, "a custom property needs a `property` name in ODCS v3.1.0");
        }
        if (!node.has("value")) {
            log.warning(node, "a custom property needs a `value` in ODCS v3.1.0; written as `value: null`");
            custom.put("value", null);
        }
        String name = node.get("property") == null ? "customProperty" : String.valueOf(node.get("property").toPlain());
        for (MapNode.Entry entry : node.entries().values()) {
            if (!CUSTOM_PROPERTY_KEYS.contains(entry.key())) {
                String property = name + "." + entry.key();
                log.warningAtKey(node, entry.key(), "a custom property allows no `" + entry.key()
                        + "` in ODCS v3.1.0; kept as custom property `" + property + "`");
                split.add(Plain.customProperty(property, entry.value().toPlain()));
            }
        }
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(custom);
        all.addAll(split);
        return all;
    }

    /**
     * An {@code authoritativeDefinitions} list; keys a definition may not have go to {@code orphans} (the
     * custom properties of the enclosing object) named {@code prefix[index].key}.
     */
    Object authoritativeDefinitions(Node node, String prefix, List<Map<String, Object>> orphans) {
        if (!(node instanceof ListNode list)) {
            return node.toPlain();
        }
        List<Object> converted = new ArrayList<>();
        for (int index = 0; index < list.items().size(); index++) {
            Node item = list.items().get(index);
            converted.add(item instanceof MapNode map
                    ? definition(map, prefix + "[" + index + "].", orphans)
                    : item.toPlain());
        }
        return converted;
    }

    private Map<String, Object> definition(MapNode node, String prefix, List<Map<String, Object>> orphans) {
        Map<String, Object> definition = Plain.map();
        for (MapNode.Entry entry : node.entries().values()) {
            if (DEFINITION_KEYS.contains(entry.key())) {
                definition.put(entry.key(), entry.value().toPlain());
                continue;
            }
            String property = prefix + entry.key();
            log.warningAtKey(node, entry.key(), "an authoritative definition allows no `" + entry.key()
                    + "` in ODCS v3.1.0; kept as custom property `" + property + "`");
            orphans.add(Plain.customProperty(property, entry.value().toPlain()));
        }
        return definition;
    }
}
