package io.polder.model.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the ordered plain documents (maps, lists, scalars) the converters produce. */
final class Plain {
    static final String CUSTOM_PROPERTIES = "customProperties";

    private Plain() {
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    /** Puts {@code value} unless it is absent; empty lists are absent too, so no empty blocks are written. */
    static void put(Map<String, Object> target, String key, Object value) {
        if (value == null || (value instanceof List<?> list && list.isEmpty())) {
            return;
        }
        target.put(key, value);
    }

    /** An ODCS custom property; {@code value} may be null (the standard allows it), it is still written. */
    static Map<String, Object> customProperty(String property, Object value) {
        Map<String, Object> custom = map();
        custom.put("property", property);
        custom.put("value", value);
        return custom;
    }

    /** Appends {@code extra} custom properties to {@code target}'s {@code customProperties}, creating it last. */
    @SuppressWarnings("unchecked")
    static void addCustomProperties(Map<String, Object> target, List<Map<String, Object>> extra) {
        if (extra.isEmpty()) {
            return;
        }
        Object existing = target.get(CUSTOM_PROPERTIES);
        List<Object> list = existing instanceof List<?> present ? (List<Object>) present : new ArrayList<>();
        if (existing != null && !(existing instanceof List<?>)) {
            // A customProperties value that is not a list is kept, not overwritten.
            list.add(customProperty(CUSTOM_PROPERTIES, existing));
        }
        list.addAll(extra);
        target.put(CUSTOM_PROPERTIES, list);
    }
}
