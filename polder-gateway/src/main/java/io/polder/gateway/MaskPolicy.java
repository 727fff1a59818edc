package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which mask a column gets from its contract: by the column's ODCS {@code classification}, unless the grant
 * lifts the masks of that classification (unmasked access granted for a purpose). The platform's governing
 * policies choose the table; {@link #defaults()} is the one the example mesh documents:
 *
 * <pre>
 * public, internal     none
 * personal             hash     (joins on a masked key still work; values stay hidden)
 * restricted           null
 * any other value      null     (an unknown classification is treated as the most protected)
 * none given           none
 * </pre>
 */
public record MaskPolicy(Map<String, ColumnMask> byClassification, ColumnMask unknown, ColumnMask unclassified) {
    public MaskPolicy {
        requireNonNull(unknown, "unknown is null");
        requireNonNull(unclassified, "unclassified is null");
        Map<String, ColumnMask> lower = new LinkedHashMap<>();
        byClassification.forEach((classification, mask) -> lower.put(classification.toLowerCase(Locale.ROOT),
                requireNonNull(mask, "mask of " + classification + " is null")));
        byClassification = Map.copyOf(lower);
    }

    public static MaskPolicy defaults() {
        return new MaskPolicy(Map.of("public", ColumnMask.NONE, "internal", ColumnMask.NONE,
                "personal", ColumnMask.HASH, "restricted", ColumnMask.NULL), ColumnMask.NULL, ColumnMask.NONE);
    }

    /** The mask of a column classified {@code classification} (null when the contract gives none). */
    public ColumnMask mask(String classification, Set<String> lifted) {
        if (classification == null || classification.isBlank()) {
            return unclassified;
        }
        String key = classification.strip().toLowerCase(Locale.ROOT);
        if (lifted.stream().anyMatch(granted -> granted.strip().toLowerCase(Locale.ROOT).equals(key))) {
            return ColumnMask.NONE;
        }
        return byClassification.getOrDefault(key, unknown);
    }

    /**
     * The masked columns of a contract table (by physical name when given, else by name); columns shown as
     * published are left out.
     *
     * @param lifted the classifications the grant shows unmasked, such as {@code personal}
     */
    public Map<String, ColumnMask> masks(SchemaObject table, Set<String> lifted) {
        Map<String, ColumnMask> masks = new LinkedHashMap<>();
        for (SchemaProperty property : table.properties()) {
            ColumnMask mask = mask(property.classification(), lifted);
            if (mask != ColumnMask.NONE) {
                masks.put(property.physicalName() != null ? property.physicalName() : property.name(), mask);
            }
        }
        return masks;
    }
}
