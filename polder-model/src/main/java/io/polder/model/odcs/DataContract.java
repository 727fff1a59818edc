package io.polder.model.odcs;

import io.polder.model.bind.Copies;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import java.util.List;

/**
 * An ODCS v3 data contract: the agreement between a data producer and its consumers on the schema, quality,
 * service levels and terms of a dataset. Components follow the order of the standard's sections
 * (fundamentals, schema, support, price, team, roles, SLA, servers, custom properties).
 *
 * @param apiVersion the version of ODCS the contract declares, as written (see {@link #odcsVersion()})
 * @param kind always DataContract
 * @param dataProduct deprecated since v3.1.0 (the product now refers to its contracts)
 * @param team the v3.1 team object or, deprecated, the v3.0 list of members
 * @param slaDefaultElement deprecated since v3.1.0
 * @param contractCreatedTs when the contract was created, an ISO 8601 date-time in UTC
 */
public record DataContract(String apiVersion, String kind, String id, String name, String version, String status,
                           String tenant, List<String> tags, String domain, String dataProduct,
                           List<AuthoritativeDefinition> authoritativeDefinitions, Description description,
                           List<SchemaObject> schema, List<SupportChannel> support, Pricing price, Team team,
                           List<Role> roles, String slaDefaultElement, List<SlaProperty> slaProperties,
                           List<Server> servers, List<CustomProperty> customProperties, String contractCreatedTs) {
    public static final String KIND = "DataContract";

    public DataContract {
        tags = Copies.list(tags);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        schema = Copies.list(schema);
        support = Copies.list(support);
        roles = Copies.list(roles);
        slaProperties = Copies.list(slaProperties);
        servers = Copies.list(servers);
        customProperties = Copies.list(customProperties);
    }

    /** The ODCS version {@code apiVersion} declares, or null if Polder does not read it. */
    public OdcsVersion odcsVersion() {
        return apiVersion == null ? null : OdcsVersion.ofApiVersion(apiVersion);
    }

    static DataContract bind(OdcsFields f) {
        f.require("version", "apiVersion", "kind", "id", "status");
        f.explainAll(OdcsHints.CONTRACT);
        String apiVersion = f.string("apiVersion");
        String kind = f.string("kind");
        if (kind != null && !kind.equals(KIND)) {
            f.problems().error(f.node().get("kind"), "`kind` must be DataContract, found '" + kind + "'"
                    + (kind.equals("DataProduct") ? " (a data product is an ODPS document, not a contract)" : ""));
        }
        DataContract contract = new DataContract(apiVersion, kind, f.string("id"), f.string("name"),
                f.string("version"), f.string("status"), f.string("tenant"), f.strings("tags"), f.string("domain"),
                deprecatedInV31(f, "dataProduct", "products now list their contracts (ODPS output ports)"),
                f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind),
                f.object("description", Description::bind), f.objects("schema", SchemaObject::bind),
                f.objects("support", SupportChannel::bind), f.object("price", Pricing::bind), team(f),
                f.objects("roles", Role::bind),
                deprecatedInV31(f, "slaDefaultElement", "give each SLA property its own `element`"),
                f.objects("slaProperties", SlaProperty::bind), f.objects("servers", Server::bind),
                f.objects("customProperties", CustomProperty::bind), f.string("contractCreatedTs"));
        f.close();
        return contract;
    }

    private static String deprecatedInV31(OdcsFields f, String key, String instead) {
        String value = f.string(key);
        if (value != null && f.isV31()) {
            f.problems().warning(f.node().get(key), "`" + key + "` is deprecated since ODCS v3.1.0: " + instead);
        }
        return value;
    }

    /** {@code team}: the v3.1 object, or a list of members (the only form in v3.0, deprecated in v3.1). */
    private static Team team(OdcsFields f) {
        Node node = f.raw("team");
        if (node == null) {
            return null;
        }
        if (node instanceof ListNode) {
            if (f.isV31()) {
                f.problems().warning(node, "a list of team members is deprecated since ODCS v3.1.0: "
                        + "write a team object with `members`");
            }
            return new Team.MemberList(f.objects("team", TeamMember::bind));
        }
        if (node instanceof MapNode && f.isV31()) {
            return f.object("team", Team.TeamObject::bind);
        }
        String expected = f.isV31() ? "an object (or, deprecated, a list of members)"
                : "a list of members in ODCS " + f.version().label()
                + " (the team object is new in v3.1.0: declare apiVersion: v3.1.0 to use it)";
        f.problems().error(node, "`team` must be " + expected + ", found " + node.kindName());
        return null;
    }
}
