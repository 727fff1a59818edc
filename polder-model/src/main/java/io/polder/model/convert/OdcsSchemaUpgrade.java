package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upgrades v3.0 schema objects and properties. Their own keys did not change; what changed inside them
 * are quality rules, custom properties, authoritative definitions, and the logical type options whose
 * {@code exclusiveMinimum}/{@code exclusiveMaximum} turned from flags on the bound into the bound itself.
 */
final class OdcsSchemaUpgrade {
    private static final Set<String> RANGED_TYPES = Set.of("date", "integer", "number");

    private final ConversionLog log;
    private final CommonBlocks blocks;
    private final QualityRules quality;

    OdcsSchemaUpgrade(ConversionLog log, CommonBlocks blocks) {
        this.log = requireNonNull(log, "log is null");
        this.blocks = requireNonNull(blocks, "blocks is null");
        this.quality = new QualityRules(QualityRules.Origin.ODCS_V3_0, log);
    }

    Map<String, Object> object(MapNode element) {
        Map<String, Object> upgraded = Plain.map();
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (MapNode.Entry entry : element.entries().values()) {
            upgraded.put(entry.key(), member(element, entry.key(), entry.value(), orphans));
        }
        Plain.addCustomProperties(upgraded, orphans);
        return upgraded;
    }

    private Object member(MapNode element, String key, Node value, List<Map<String, Object>> orphans) {
        return switch (key) {
            case "properties" -> OdcsUpgrade.eachObject(value, this::object);
            case "items" -> value instanceof MapNode items ? object(items) : value.toPlain();
            case "quality" -> orDefault(quality.list(value), value);
            case "customProperties" -> blocks.customProperties(value);
            case "authoritativeDefinitions" -> blocks.authoritativeDefinitions(value, key, orphans);
            case "logicalTypeOptions" -> logicalTypeOptions(value, logicalType(element));
            default -> value.toPlain();
        };
    }

    private Object logicalTypeOptions(Node value, String logicalType) {
        if (!(value instanceof MapNode options) || !RANGED_TYPES.contains(logicalType)) {
            return value.toPlain();
        }
        Map<String, Object> upgraded = Plain.map();
        for (MapNode.Entry entry : options.entries().values()) {
            String key = entry.key();
            if (isFlag(entry.value()) && (key.equals("exclusiveMinimum") || key.equals("exclusiveMaximum"))) {
                flagWithoutBound(options, key);
                continue;
            }
            String exclusive = exclusiveName(key);
            if (exclusive != null && options.get(exclusive) instanceof ScalarNode flag && Boolean.TRUE.equals(flag.value())) {
                upgraded.put(exclusive, entry.value().toPlain());
            } else {
                upgraded.put(key, entry.value().toPlain());
            }
        }
        return upgraded;
    }

    /** A v3.0 flag is folded into its bound; a true flag with no bound to fold into says nothing usable. */
    private void flagWithoutBound(MapNode options, String flag) {
        boolean set = Boolean.TRUE.equals(((ScalarNode) options.get(flag)).value());
        String bound = flag.equals("exclusiveMinimum") ? "minimum" : "maximum";
        if (set && !options.has(bound)) {
            log.warningAtKey(options, flag, "`" + flag + ": true` has no `" + bound
                    + "` to apply to; ODCS v3.1.0 takes the bound itself as `" + flag + "`, so it is left out");
        }
    }

    private static String exclusiveName(String bound) {
        return switch (bound) {
            case "minimum" -> "exclusiveMinimum";
            case "maximum" -> "exclusiveMaximum";
            default -> null;
        };
    }

    private static boolean isFlag(Node value) {
        return value instanceof ScalarNode scalar && scalar.isBoolean();
    }

    private static String logicalType(MapNode element) {
        return element.get("logicalType") instanceof ScalarNode scalar && scalar.isString()
                ? (String) scalar.value() : null;
    }

    private static Object orDefault(Object converted, Node value) {
        return converted != null ? converted : value.toPlain();
    }
}
