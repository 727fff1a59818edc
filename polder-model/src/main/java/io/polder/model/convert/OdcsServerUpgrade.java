package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Upgrades one v3.0 server: v3.0 let a server carry any key, v3.1.0 only its type's connection fields,
 * so the rest moves into the server's custom properties; DuckDB's {@code schema} became a string.
 */
final class OdcsServerUpgrade {
    private final ConversionLog log;
    private final CommonBlocks blocks;
    private final Function<MapNode, Map<String, Object>> role;

    OdcsServerUpgrade(ConversionLog log, CommonBlocks blocks, Function<MapNode, Map<String, Object>> role) {
        this.log = requireNonNull(log, "log is null");
        this.blocks = requireNonNull(blocks, "blocks is null");
        this.role = requireNonNull(role, "role is null");
    }

    Map<String, Object> upgrade(MapNode server) {
        OdcsServerTypes.ServerType type = OdcsServerTypes.of(typeName(server));
        Map<String, Object> upgraded = Plain.map();
        List<Map<String, Object>> extras = new ArrayList<>();
        for (MapNode.Entry entry : server.entries().values()) {
            String key = entry.key();
            if (OdcsServerTypes.COMMON_FIELDS.contains(key)) {
                upgraded.put(key, common(key, entry.value()));
            } else if (type == null || type.allows(key)) {
                // Without a known type the schema rejects the server anyway; keep it as written.
                upgraded.put(key, connectionField(type, key, entry.value()));
            } else {
                log.warningAtKey(server, key, "a server of type " + type.name() + " has no `" + key
                        + "` in ODCS v3.1.0; kept as custom property `" + key + "`");
                extras.add(Plain.customProperty(key, entry.value().toPlain()));
            }
        }
        Plain.addCustomProperties(upgraded, extras);
        return upgraded;
    }

    private Object common(String key, Node value) {
        return switch (key) {
            case "roles" -> OdcsUpgrade.eachObject(value, role::apply);
            case "customProperties" -> blocks.customProperties(value);
            default -> value.toPlain();
        };
    }

    private Object connectionField(OdcsServerTypes.ServerType type, String key, Node value) {
        boolean duckdbSchema = type != null && type.name().equals("duckdb") && key.equals("schema");
        if (duckdbSchema && value instanceof ScalarNode scalar && scalar.isInteger()) {
            log.warning(value, "a DuckDB server's `schema` is a string since ODCS v3.1.0; written as text");
            return String.valueOf(scalar.value());
        }
        return value.toPlain();
    }

    private static String typeName(MapNode server) {
        return server.get("type") instanceof ScalarNode scalar && scalar.isString() ? (String) scalar.value() : null;
    }
}
