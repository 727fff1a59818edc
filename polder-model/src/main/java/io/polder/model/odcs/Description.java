package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Map;

/**
 * ODCS contract description: what the data is for, how to use it and its limits. The schema leaves this
 * object open in every version, so fields beyond the standard are kept in {@code extra}.
 */
public record Description(String usage, String purpose, String limitations,
                          List<AuthoritativeDefinition> authoritativeDefinitions,
                          List<CustomProperty> customProperties, @JsonIgnore Map<String, Object> extra) {
    public Description {
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        customProperties = Copies.list(customProperties);
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static Description bind(OdcsFields f) {
        return new Description(f.string("usage"), f.string("purpose"), f.string("limitations"),
                f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind),
                f.objects("customProperties", CustomProperty::bind), f.rest());
    }
}
