package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * ODCS custom property: a key/value pair for what the standard does not define. The value may be any JSON
 * value, null included (a present null is written back as null).
 *
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record CustomProperty(String id, String property, @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
                             String description, @JsonIgnore Map<String, Object> extra) {
    public CustomProperty {
        value = PlainValues.copy(value);
        extra = PlainValues.copyMap(extra);
    }

    public static CustomProperty of(String property, Object value) {
        return new CustomProperty(null, property, value, null, null);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static CustomProperty bind(OdcsFields f) {
        if (f.isV31()) {
            f.require("property", "value");
        }
        String id = f.stableId();
        String property = f.string("property");
        Object value = f.any("value");
        String description = null;
        if (f.isV31()) {
            description = f.string("description");
        } else {
            f.newInV31("description");
        }
        return new CustomProperty(id, property, value, description, f.closeInV31());
    }
}
