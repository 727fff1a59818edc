package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DCS servers (a map by name) as ODCS servers (a list with {@code server} names). Connection fields carry
 * over where the ODCS type has them; a server whose type ODCS lacks, or that misses a field its ODCS
 * type requires, becomes a {@code custom} server (which takes any connection field) with its DCS type
 * kept as a custom property.
 */
final class DcsServers {
    private static final Set<String> HANDLED = Set.of("type", "description", "environment", "roles");

    private final ConversionLog log;

    DcsServers(ConversionLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    /** The servers, or null when {@code servers} is not a map (the caller keeps it as a custom property). */
    List<Map<String, Object>> convert(Node servers) {
        if (!(servers instanceof MapNode byName)) {
            return null;
        }
        List<Map<String, Object>> converted = new ArrayList<>();
        byName.entries().forEach((name, entry) -> converted.add(server(name, SourceObject.of(entry.value(), log))));
        return converted;
    }

    private Map<String, Object> server(String name, SourceObject source) {
        String dcsType = source.text("type");
        OdcsServerTypes.ServerType type = chooseType(dcsType, source);
        Map<String, Object> server = Plain.map();
        server.put("server", name);
        server.put("type", type.name());
        Plain.put(server, "description", source.text("description"));
        Plain.put(server, "environment", source.text("environment"));
        for (MapNode.Entry entry : source.node().entries().values()) {
            if (!HANDLED.contains(entry.key())) {
                connectionField(type, entry.key(), entry.value(), source, server);
            }
        }
        Plain.put(server, "roles", roles(source));
        if (!type.name().equals(dcsType) && dcsType != null) {
            source.leave("type", typeReason(dcsType, source));
        }
        Plain.addCustomProperties(server, source.leftovers(""));
        if (dcsType == null) {
            log.warning(source.node(), "the server has no `type`; written as an ODCS custom server");
        }
        return server;
    }

    /** The DCS type if ODCS has it and the server has every field it requires, else ODCS's custom type. */
    private static OdcsServerTypes.ServerType chooseType(String dcsType, SourceObject source) {
        OdcsServerTypes.ServerType type = OdcsServerTypes.of(dcsType);
        if (type == null || !missingFields(type, source.node()).isEmpty()) {
            return OdcsServerTypes.custom();
        }
        return type;
    }

    private static List<String> missingFields(OdcsServerTypes.ServerType type, MapNode server) {
        return type.required().stream().filter(field -> !fits(field, server.get(field))).sorted().toList();
    }

    private static String typeReason(String dcsType, SourceObject source) {
        OdcsServerTypes.ServerType type = OdcsServerTypes.of(dcsType);
        if (type == null) {
            return "ODCS has no server type `" + dcsType + "`, so this is a custom server";
        }
        return "an ODCS server of type " + dcsType + " requires " + String.join(", ", missingFields(type, source.node()))
                + " (text, or an integer for port), so this is a custom server";
    }

    private static void connectionField(OdcsServerTypes.ServerType type, String key, Node value, SourceObject source,
            Map<String, Object> server) {
        if (type.allows(key) && fits(key, value)) {
            source.place(key);
            server.put(key, value.toPlain());
        } else if (type.allows(key)) {
            source.leave(key, "`" + key + "` is " + value.kindName() + ", not "
                    + (OdcsServerTypes.ServerType.isIntegerField(key) ? "an integer" : "a string"));
        } else {
            source.leave(key, "an ODCS server of type " + type.name() + " has no `" + key + "`");
        }
    }

    private static boolean fits(String key, Node value) {
        if (!(value instanceof ScalarNode scalar)) {
            return false;
        }
        return OdcsServerTypes.ServerType.isIntegerField(key)
                ? scalar.value() instanceof Long : scalar.isString();
    }

    /** DCS server roles ({@code name}, {@code description}) as ODCS roles ({@code role}, {@code description}). */
    private List<Object> roles(SourceObject server) {
        if (!(server.node().get("roles") instanceof ListNode list)) {
            return null;
        }
        server.place("roles");
        List<Object> roles = new ArrayList<>();
        for (Node item : list.items()) {
            SourceObject source = SourceObject.of(item, log);
            Map<String, Object> role = Plain.map();
            Plain.put(role, "role", source.text("name"));
            Plain.put(role, "description", source.text("description"));
            if (!role.containsKey("role")) {
                log.error(item, "an ODCS role needs a name (`role`); this server role has no `name`");
            }
            Plain.addCustomProperties(role, source.leftovers(""));
            roles.add(role);
        }
        return roles;
    }
}
