package io.polder.model.dcs;

import io.polder.model.bind.Fields;
import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;

/**
 * A server: the schema's {@code $defs/BaseServer} (a {@code type}, optional description, environment and
 * roles, any other field), which decides the verdict, then the rules of its type, which are only warnings.
 */
final class DcsServers {
    /** Why a per-type rule is a warning, appended to each such message. */
    private static final String WARNING_ONLY = " (a per-server-type rule of DCS that official validators do not"
            + " apply, so this is a warning)";

    private DcsServers() {
    }

    static void server(String name, DcsFields server) {
        server.require("type");
        String type = server.string("type");
        server.strings("description", "environment");
        server.objects("roles", "role", role -> {
            role.require("name");
            role.strings("name", "description");
            role.warnNearMisses();
        });
        DcsServerType serverType = type == null ? null : Fields.lookup(DcsServerType.class, type);
        if (serverType != null) {
            warnByType(server.node(), serverType, server.problems());
            serverType.properties().forEach(property -> server.allow(property.name()));
        }
        server.warnNearMisses();
    }

    private static void warnByType(MapNode server, DcsServerType type, Problems problems) {
        for (DcsServerType.Property property : type.properties()) {
            if (property.required() && !server.has(property.name())) {
                problems.warning(server, "a server of type `" + type.value() + "` needs `" + property.name() + "`"
                        + WARNING_ONLY);
            }
        }
        for (DcsServerType.Property property : type.properties()) {
            Node value = server.get(property.name());
            String mismatch = value == null ? null : property.mismatch(value);
            if (mismatch != null) {
                problems.warning(value, "`" + property.name() + "` of a server of type `" + type.value() + "` "
                        + mismatch + WARNING_ONLY);
            }
        }
    }

    /** A short rendering of a scalar for messages. */
    static String render(ScalarNode scalar) {
        return scalar.isString() ? "'" + scalar.value() + "'" : String.valueOf(scalar.value());
    }
}
