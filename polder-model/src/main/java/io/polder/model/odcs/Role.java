package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Map;

/**
 * ODCS role: an IAM role that gives access to the dataset (or to one server), with who approves requests.
 *
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record Role(String id, String role, String description, String access, String firstLevelApprovers,
                   String secondLevelApprovers, List<CustomProperty> customProperties,
                   @JsonIgnore Map<String, Object> extra) {
    public Role {
        customProperties = Copies.list(customProperties);
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static Role bind(OdcsFields f) {
        f.require("role");
        return new Role(f.stableId(), f.string("role"), f.string("description"), f.string("access"),
                f.string("firstLevelApprovers"), f.string("secondLevelApprovers"),
                f.objects("customProperties", CustomProperty::bind), f.closeInV31());
    }
}
