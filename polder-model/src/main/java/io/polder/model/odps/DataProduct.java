package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ODPS data product (v1.0.0, or v0.9.0 as declared): its identity and lifecycle, the input ports it
 * consumes, the output ports it promises (each backed by a data contract), management ports, support
 * channels and the owning team. Components follow the order of the standard's schema, which is the order
 * they are written in. Absent fields are null; read with {@link OdpsReader}.
 */
public record DataProduct(OdpsVersion apiVersion, ProductKind kind, String id, String name, String version,
                          String status, String domain, String tenant,
                          List<AuthoritativeDefinition> authoritativeDefinitions, Description description,
                          List<CustomProperty> customProperties, List<String> tags, List<InputPort> inputPorts,
                          List<OutputPort> outputPorts, List<ManagementPort> managementPorts,
                          List<SupportChannel> support, ProductTeam team, String productCreatedTs) {
    public DataProduct {
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        customProperties = Copies.list(customProperties);
        tags = Copies.list(tags);
        inputPorts = Copies.list(inputPorts);
        outputPorts = Copies.list(outputPorts);
        managementPorts = Copies.list(managementPorts);
        support = Copies.list(support);
    }

    /** Binds a product by the rules of {@code rules}, which the reader chose from the declared apiVersion. */
    static DataProduct bind(Fields f, OdpsVersion rules) {
        f.require("apiVersion", "kind", "id", "status");
        DataProduct product = new DataProduct(f.choice("apiVersion", OdpsVersion.class),
                f.choice("kind", ProductKind.class), f.string("id"), f.string("name"), f.string("version"),
                f.string("status"), f.string("domain"), f.string("tenant"),
                OdpsFields.authoritativeDefinitions(f, rules),
                f.object("description", fields -> Description.bind(fields, rules)),
                OdpsFields.customProperties(f), f.strings("tags"),
                f.objects("inputPorts", fields -> InputPort.bind(fields, rules)),
                f.objects("outputPorts", fields -> OutputPort.bind(fields, rules)),
                f.objects("managementPorts", fields -> ManagementPort.bind(fields, rules)),
                f.objects("support", fields -> SupportChannel.bind(fields, rules)),
                team(f, rules), OdpsFields.dateTime(f, "productCreatedTs"));
        f.rejectUnknown();
        return product;
    }

    private static ProductTeam team(Fields f, OdpsVersion rules) {
        Node node = f.raw("team");
        if (node == null) {
            return null;
        }
        if (rules.hasTeamObject()) {
            if (node instanceof ListNode) {
                f.problems().error(node, "`team` must be an object with `name` and `members` in ODPS " + rules
                        + "; a bare list of members is the ODPS v0.9.0 form");
                return null;
            }
            return Fields.bind(node, f.problems(), fields -> Team.bind(fields, rules));
        }
        if (node instanceof MapNode) {
            f.problems().error(node, "`team` must be a list of members in ODPS " + rules
                    + "; the team object (with `name` and `members`) came with ODPS v1.0.0");
            return null;
        }
        List<TeamMember> members = f.objects("team", fields -> TeamMember.bind(fields, rules));
        return members == null ? null : new TeamMemberList(members);
    }

    /** The name of the owning team, if the product names one (only the v1.0.0 team object has a name). */
    public Optional<String> teamName() {
        return team instanceof Team owner ? Optional.ofNullable(owner.name()) : Optional.empty();
    }

    /** The owning team's members, whichever shape the team has; empty when none are listed. */
    public List<TeamMember> teamMembers() {
        return team == null ? List.of() : team.memberList();
    }

    /** The input ports, or an empty list when none are declared. */
    public List<InputPort> inputPortList() {
        return inputPorts == null ? List.of() : inputPorts;
    }

    /** The output ports, or an empty list when none are declared. */
    public List<OutputPort> outputPortList() {
        return outputPorts == null ? List.of() : outputPorts;
    }

    /** The output port with this name and version (together the key of a port). */
    public Optional<OutputPort> outputPort(String portName, String portVersion) {
        return outputPortList().stream()
                .filter(port -> Objects.equals(port.name(), portName) && Objects.equals(port.version(), portVersion))
                .findFirst();
    }

    /** The contract ids of the output ports, in order, each once; ports without one are skipped. */
    public List<String> outputContractIds() {
        return outputPortList().stream().map(OutputPort::contractId).filter(Objects::nonNull).distinct().toList();
    }

    /** The contract ids the input ports consume, in order, each once. */
    public List<String> inputContractIds() {
        return inputPortList().stream().map(InputPort::contractId).filter(Objects::nonNull).distinct().toList();
    }
}
