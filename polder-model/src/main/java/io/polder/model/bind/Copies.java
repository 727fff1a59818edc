package io.polder.model.bind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable copies for record components. Absent stays {@code null} (and is not written back), present
 * but empty stays empty, so a document round-trips exactly.
 */
public final class Copies {
    private Copies() {
    }

    public static <T> List<T> list(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** Copies a map keeping its order (standards' maps, such as logicalTypeOptions, are ordered). */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
