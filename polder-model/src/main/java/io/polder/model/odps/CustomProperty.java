package io.polder.model.odps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.polder.model.bind.Fields;

/**
 * ODPS custom property: a key/value pair for what the standard does not cover. {@code value} may be any
 * JSON value, including null, but must be present; so it is always written, even when null.
 */
public record CustomProperty(String property, @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
                             String description) {

    static CustomProperty bind(Fields f) {
        f.require("property", "value");
        CustomProperty custom = new CustomProperty(f.string("property"), f.any("value"), f.string("description"));
        f.rejectUnknown();
        return custom;
    }
}
