package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.Copies;
import java.util.List;

/**
 * The team behind a contract, in either of the forms ODCS allows: the v3.1 team object, or the list of
 * members that v3.0 used (still accepted by v3.1, deprecated, to be removed in ODCS 4.0).
 */
public sealed interface Team permits Team.TeamObject, Team.MemberList {

    List<TeamMember> members();

    /** The v3.1 team object: a named team with its members. */
    record TeamObject(String id, String name, String description, List<TeamMember> members, List<String> tags,
                      List<CustomProperty> customProperties,
                      List<AuthoritativeDefinition> authoritativeDefinitions) implements Team {
        public TeamObject {
            members = Copies.list(members);
            tags = Copies.list(tags);
            customProperties = Copies.list(customProperties);
            authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        }

        static TeamObject bind(OdcsFields f) {
            TeamObject team = new TeamObject(f.stableId(), f.string("name"), f.string("description"),
                    f.objects("members", TeamMember::bind), f.strings("tags"),
                    f.objects("customProperties", CustomProperty::bind),
                    f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind));
            f.close();
            return team;
        }
    }

    /** The list form: just the members. Written back as a list. */
    record MemberList(List<TeamMember> members) implements Team {
        public MemberList {
            members = Copies.list(members);
        }

        @JsonValue
        public List<TeamMember> asWritten() {
            return members;
        }
    }
}
