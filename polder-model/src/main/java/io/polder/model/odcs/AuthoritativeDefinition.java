package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * ODCS authoritative definition: a link to where something is defined (a business glossary entry, a
 * tutorial, the implementation). Standard types include businessDefinition, transformationImplementation,
 * videoTutorial, tutorial and implementation, but any type is allowed.
 *
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record AuthoritativeDefinition(String id, String url, String type, String description,
                                      @JsonIgnore Map<String, Object> extra) {
    public AuthoritativeDefinition {
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static AuthoritativeDefinition bind(OdcsFields f) {
        f.require("url", "type");
        String id = f.stableId();
        String url = f.string("url");
        String type = f.string("type");
        String description = null;
        if (f.isV31()) {
            description = f.string("description");
        } else {
            f.newInV31("description");
        }
        return new AuthoritativeDefinition(id, url, type, description, f.closeInV31());
    }
}
