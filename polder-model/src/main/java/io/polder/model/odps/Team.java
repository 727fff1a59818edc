package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/** An ODPS v1.0.0 team (shared by the Bitol standards, RFC 0016): the team owning the product and its members. */
public record Team(String name, String description, List<TeamMember> members, List<String> tags,
                   List<CustomProperty> customProperties, List<AuthoritativeDefinition> authoritativeDefinitions)
        implements ProductTeam {
    public Team {
        members = Copies.list(members);
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
    }

    static Team bind(Fields f, OdpsVersion version) {
        Team team = new Team(f.string("name"), f.string("description"),
                f.objects("members", fields -> TeamMember.bind(fields, version)), f.strings("tags"),
                OdpsFields.customProperties(f), OdpsFields.authoritativeDefinitions(f, version));
        f.rejectUnknown();
        return team;
    }

    @Override
    public List<TeamMember> memberList() {
        return members == null ? List.of() : members;
    }
}
