package io.polder.model.odcs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable deep copies of free-form JSON values (the value of a custom property, a rule's arguments, the
 * fields a v3.0 object may carry beyond the standard). Unlike {@code List.copyOf} they keep nulls, which
 * are data here: {@code missingValues: [null, '']} must survive a round trip.
 */
final class PlainValues {
    private PlainValues() {
    }

    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        if (value instanceof List<?> list) {
            return copyList(list);
        }
        return value;
    }

    static Map<String, Object> copyMap(Map<?, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
        return Collections.unmodifiableMap(copy);
    }

    static List<Object> copyList(List<?> list) {
        if (list == null) {
            return null;
        }
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(item -> copy.add(copy(item)));
        return Collections.unmodifiableList(copy);
    }
}
