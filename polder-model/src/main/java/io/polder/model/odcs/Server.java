package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.polder.model.bind.Copies;
import io.polder.model.bind.Hints;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ODCS server: where the data physically lives. The common fields are components; the fields that depend
 * on the {@link ServerType} (host, port, location, ...) are kept in {@code details}, in document order.
 * The v3.1 schema allows exactly the fields of the type; the v3.0 schema also allowed others, which are
 * kept in {@code details} as well.
 *
 * @param details the type-specific fields (and, in v3.0, any others), as written; empty map never null
 */
public record Server(String id, String server, ServerType type, String description, String environment,
                     List<Role> roles, List<CustomProperty> customProperties,
                     @JsonIgnore Map<String, Object> details) {
    private static final Set<String> COMMON_FIELDS =
            Set.of("id", "server", "type", "description", "environment", "roles", "customProperties");

    public Server {
        roles = Copies.list(roles);
        customProperties = Copies.list(customProperties);
        details = details == null ? Map.of() : PlainValues.copyMap(details);
    }

    /** A type-specific field's value (a String or Long when valid), or null if absent. */
    public Object detail(String name) {
        return details.get(name);
    }

    @JsonAnyGetter
    public Map<String, Object> detailFields() {
        return details;
    }

    static Server bind(OdcsFields f) {
        f.require("server", "type");
        String id = f.stableId();
        String server = f.string("server");
        ServerType type = f.versionedChoice("type", ServerType.class, ServerType::introducedIn);
        String description = f.string("description");
        String environment = f.string("environment");
        List<Role> roles = f.objects("roles", Role::bind);
        List<CustomProperty> customProperties = f.objects("customProperties", CustomProperty::bind);
        if (type != null) {
            checkDetails(f, type);
        }
        return new Server(id, server, type, description, environment, roles, customProperties, f.rest());
    }

    /** The schema's if/then for the type: its fields typed and required; in v3.1, no others. */
    private static void checkDetails(OdcsFields f, ServerType type) {
        List<ServerField> fields = type.fields(f.version());
        List<String> missing = fields.stream()
                .filter(field -> field.required() && !f.has(field.name()))
                .map(ServerField::name)
                .toList();
        if (!missing.isEmpty()) {
            f.problems().error(f.node(), "missing required field" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "))
                    + " of a `" + type.value() + "` server (it needs " + requiredNames(fields) + ")");
        }
        for (MapNode.Entry entry : f.node().entries().values()) {
            if (COMMON_FIELDS.contains(entry.key()) && (f.isV31() || !entry.key().equals("id"))) {
                continue;
            }
            ServerField field = type.field(entry.key(), f.version()).orElse(null);
            if (field != null) {
                checkValue(f, type, field, entry.value());
            } else if (f.isV31()) {
                reportUnknown(f, type, fields, entry);
            }
        }
    }

    private static void checkValue(OdcsFields f, ServerType type, ServerField field, Node value) {
        if (!field.type().accepts(value)) {
            f.problems().error(value, "`" + field.name() + "` of a `" + type.value() + "` server must be "
                    + field.type().noun() + ", found " + value.kindName());
            return;
        }
        if (!(((ScalarNode) value).value() instanceof String text)) {
            return;
        }
        if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(text).find()) {
            f.problems().error(value, "`" + field.name() + "` must match " + field.pattern() + ", found '" + text + "'");
        }
        if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(text)) {
            f.problems().error(value, "`" + field.name() + "` must be one of " + String.join(", ", field.allowedValues())
                    + " in ODCS " + f.version().label() + "; found '" + text + "'");
        }
    }

    private static void reportUnknown(OdcsFields f, ServerType type, List<ServerField> fields, MapNode.Entry entry) {
        List<String> allowed = fields.stream().map(ServerField::name).toList();
        String hint = Hints.forUnknownField(entry.key(), allowed);
        if (hint.isEmpty()) {
            hint = allowed.isEmpty() ? "; a `" + type.value() + "` server has only the common server fields"
                    : "; a `" + type.value() + "` server has " + String.join(", ", allowed)
                    + " besides the common server fields";
        }
        f.problems().error(entry.keyPosition(), entry.value().pointer(), "unknown field `" + entry.key() + "`" + hint);
    }

    private static String requiredNames(List<ServerField> fields) {
        return fields.stream().filter(ServerField::required).map(ServerField::name).collect(Collectors.joining(", "));
    }
}
