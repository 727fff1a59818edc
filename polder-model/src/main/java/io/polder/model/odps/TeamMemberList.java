package io.polder.model.odps;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** An ODPS v0.9.0 team: a bare list of members, written back as a list. */
public record TeamMemberList(@JsonValue List<TeamMember> members) implements ProductTeam {
    public TeamMemberList {
        members = List.copyOf(members);
    }

    @Override
    public List<TeamMember> memberList() {
        return members;
    }
}
