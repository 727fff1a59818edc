package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Upgrades an ODCS v3.0.x contract to v3.1.0, keeping everything else unchanged and in order. The
 * structural changes between the two schemas: {@code apiVersion}; {@code team} from a list of members to
 * an object with {@code members}; quality {@code rule} to {@code metric} with one operator per rule;
 * boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} to the bound itself; DuckDB {@code schema} from
 * integer to string; and objects that allowed any key in v3.0 but not in v3.1.0 (servers, quality rules,
 * team members, support channels, roles, SLA properties, price, custom properties, authoritative
 * definitions), whose extra keys move into the nearest custom properties.
 */
final class OdcsUpgrade {
    static final String TARGET_API_VERSION = "v3.1.0";

    private static final Set<String> TEAM_MEMBER_KEYS = Set.of("id", "username", "name", "description", "role",
            "dateIn", "dateOut", "replacedByUsername", "tags", "customProperties", "authoritativeDefinitions");
    private static final Set<String> TEAM_KEYS = Set.of("id", "name", "description", "members", "tags",
            "customProperties", "authoritativeDefinitions");
    private static final Set<String> SUPPORT_KEYS = Set.of("id", "channel", "url", "description", "tool", "scope",
            "invitationUrl", "customProperties");
    private static final Set<String> ROLE_KEYS = Set.of("id", "role", "description", "access", "firstLevelApprovers",
            "secondLevelApprovers", "customProperties");
    private static final Set<String> SLA_KEYS = Set.of("id", "property", "value", "valueExt", "unit", "element",
            "driver", "description", "scheduler", "schedule");
    private static final Set<String> PRICE_KEYS = Set.of("id", "priceAmount", "priceCurrency", "priceUnit");

    private final ConversionLog log;
    private final CommonBlocks blocks;
    private final OdcsSchemaUpgrade schema;
    private final OdcsServerUpgrade servers;

    OdcsUpgrade(ConversionLog log) {
        this.log = requireNonNull(log, "log is null");
        this.blocks = new CommonBlocks(log);
        this.schema = new OdcsSchemaUpgrade(log, blocks);
        this.servers = new OdcsServerUpgrade(log, blocks, this::role);
    }

    Map<String, Object> upgrade(MapNode root) {
        Map<String, Object> document = Plain.map();
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (MapNode.Entry entry : root.entries().values()) {
            document.put(entry.key(), topLevel(entry.key(), entry.value(), root, orphans));
        }
        Plain.addCustomProperties(document, orphans);
        return document;
    }

    private Object topLevel(String key, Node value, MapNode root, List<Map<String, Object>> orphans) {
        return switch (key) {
            case "apiVersion" -> TARGET_API_VERSION;
            case "team" -> team(value);
            case "servers" -> eachObject(value, servers::upgrade);
            case "schema" -> eachObject(value, schema::object);
            case "support" -> eachObject(value, item -> withExtrasAsCustom(item, SUPPORT_KEYS, "a support channel"));
            case "roles" -> eachObject(value, this::role);
            case "slaProperties" -> slaProperties(value, orphans);
            case "price" -> value instanceof MapNode price ? extrasTo(price, PRICE_KEYS, "price", "price.", orphans)
                    : value.toPlain();
            case "description" -> description(value);
            case "authoritativeDefinitions" -> blocks.authoritativeDefinitions(value, key, orphans);
            case "customProperties" -> blocks.customProperties(value);
            case "dataProduct", "slaDefaultElement" -> deprecated(key, value, root);
            default -> value.toPlain();
        };
    }

    private Object deprecated(String key, Node value, MapNode root) {
        log.warningAtKey(root, key, "`" + key + "` is deprecated since ODCS v3.1.0 and will be removed in v4.0; kept");
        return value.toPlain();
    }

    /** v3.0's list of members becomes v3.1.0's team object; an object (already v3.1.0 style) is checked the same way. */
    private Object team(Node value) {
        if (value instanceof ListNode members) {
            Map<String, Object> team = Plain.map();
            team.put("members", eachObject(members, this::teamMember));
            return team;
        }
        if (value instanceof MapNode team) {
            Map<String, Object> upgraded = withExtrasAsCustom(team, TEAM_KEYS, "a team");
            if (team.get("members") instanceof ListNode members) {
                upgraded.put("members", eachObject(members, this::teamMember));
            }
            return upgraded;
        }
        return value.toPlain();
    }

    private Map<String, Object> teamMember(MapNode member) {
        if (!member.has("username")) {
            log.error(member, "a team member needs a `username` in ODCS v3.1.0");
        }
        return withExtrasAsCustom(member, TEAM_MEMBER_KEYS, "a team member");
    }

    private Map<String, Object> role(MapNode role) {
        return withExtrasAsCustom(role, ROLE_KEYS, "a role");
    }

    private Object slaProperties(Node value, List<Map<String, Object>> orphans) {
        if (!(value instanceof ListNode list)) {
            return value.toPlain();
        }
        List<Object> upgraded = new ArrayList<>();
        for (int index = 0; index < list.items().size(); index++) {
            Node item = list.items().get(index);
            upgraded.add(item instanceof MapNode sla
                    ? extrasTo(sla, SLA_KEYS, "an SLA property", "slaProperties[" + index + "].", orphans)
                    : item.toPlain());
        }
        return upgraded;
    }

    private Object description(Node value) {
        if (!(value instanceof MapNode description)) {
            return value.toPlain();
        }
        Map<String, Object> upgraded = Plain.map();
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (MapNode.Entry entry : description.entries().values()) {
            upgraded.put(entry.key(), switch (entry.key()) {
                case "authoritativeDefinitions" -> blocks.authoritativeDefinitions(entry.value(), entry.key(), orphans);
                case "customProperties" -> blocks.customProperties(entry.value());
                default -> entry.value().toPlain();
            });
        }
        Plain.addCustomProperties(upgraded, orphans);
        return upgraded;
    }

    /**
     * Keeps the keys v3.1.0 allows on an object that has custom properties; the others become its custom
     * properties. Nested custom properties and authoritative definitions are brought to v3.1.0 too.
     */
    Map<String, Object> withExtrasAsCustom(MapNode node, Set<String> allowed, String what) {
        List<Map<String, Object>> extras = new ArrayList<>();
        Map<String, Object> upgraded = extrasTo(node, allowed, what, "", extras);
        Plain.addCustomProperties(upgraded, extras);
        return upgraded;
    }

    private Map<String, Object> extrasTo(MapNode node, Set<String> allowed, String what, String prefix,
            List<Map<String, Object>> sink) {
        Map<String, Object> upgraded = Plain.map();
        for (MapNode.Entry entry : node.entries().values()) {
            String key = entry.key();
            if (!allowed.contains(key)) {
                log.warningAtKey(node, key, what + " allows no `" + key + "` in ODCS v3.1.0; kept as custom property `"
                        + prefix + key + "`");
                sink.add(Plain.customProperty(prefix + key, entry.value().toPlain()));
            } else if (key.equals("customProperties")) {
                upgraded.put(key, blocks.customProperties(entry.value()));
            } else if (key.equals("authoritativeDefinitions")) {
                upgraded.put(key, blocks.authoritativeDefinitions(entry.value(), prefix + key, sink));
            } else {
                upgraded.put(key, entry.value().toPlain());
            }
        }
        return upgraded;
    }

    /** Applies {@code upgrade} to each object of a list; anything else is kept as it is. */
    static Object eachObject(Node value, Function<MapNode, Object> upgrade) {
        if (!(value instanceof ListNode list)) {
            return value.toPlain();
        }
        List<Object> upgraded = new ArrayList<>();
        for (Node item : list.items()) {
            upgraded.add(item instanceof MapNode map ? upgrade.apply(map) : item.toPlain());
        }
        return upgraded;
    }
}
