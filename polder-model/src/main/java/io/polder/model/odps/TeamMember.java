package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/**
 * ODPS team member (shared by the Bitol standards). {@code username} (a user name or an email) is
 * required since ODPS v1.0.0; dates are ISO dates (2024-05-31) kept as written.
 */
public record TeamMember(String username, String name, String description, String role, String dateIn,
                         String dateOut, String replacedByUsername, List<String> tags,
                         List<CustomProperty> customProperties,
                         List<AuthoritativeDefinition> authoritativeDefinitions) {
    public TeamMember {
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
    }

    static TeamMember bind(Fields f, OdpsVersion version) {
        if (version.requiresMemberUsername()) {
            f.require("username");
        }
        TeamMember member = new TeamMember(f.string("username"), f.string("name"), f.string("description"),
                f.string("role"), OdpsFields.date(f, "dateIn"), OdpsFields.date(f, "dateOut"),
                f.string("replacedByUsername"), f.strings("tags"), OdpsFields.customProperties(f),
                OdpsFields.authoritativeDefinitions(f, version));
        f.rejectUnknown();
        return member;
    }
}
