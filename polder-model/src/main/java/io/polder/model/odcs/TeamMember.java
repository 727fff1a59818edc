package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Map;

/**
 * ODCS team member: a person and their role on the team, with when they joined and left
 * ({@code dateIn}/{@code dateOut}, ISO dates) and who replaced them. v3.1 requires {@code username}.
 *
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record TeamMember(String id, String username, String name, String description, String role, String dateIn,
                         String dateOut, String replacedByUsername, List<String> tags,
                         List<CustomProperty> customProperties,
                         List<AuthoritativeDefinition> authoritativeDefinitions,
                         @JsonIgnore Map<String, Object> extra) {
    public TeamMember {
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static TeamMember bind(OdcsFields f) {
        if (f.isV31()) {
            f.require("username");
        }
        String id = f.stableId();
        String username = f.string("username");
        String name = f.string("name");
        String description = f.string("description");
        String role = f.string("role");
        String dateIn = f.string("dateIn");
        String dateOut = f.string("dateOut");
        String replacedByUsername = f.string("replacedByUsername");
        List<String> tags = null;
        List<CustomProperty> customProperties = null;
        List<AuthoritativeDefinition> authoritativeDefinitions = null;
        if (f.isV31()) {
            tags = f.strings("tags");
            customProperties = f.objects("customProperties", CustomProperty::bind);
            authoritativeDefinitions = f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind);
        } else {
            f.newInV31("tags", "customProperties", "authoritativeDefinitions");
        }
        return new TeamMember(id, username, name, description, role, dateIn, dateOut, replacedByUsername, tags,
                customProperties, authoritativeDefinitions, f.closeInV31());
    }
}
