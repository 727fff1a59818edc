package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Map;

/**
 * ODCS support channel: where consumers ask questions or hear announcements. {@code tool} is typically
 * email, slack, teams, discord, ticket, googlechat or other; {@code scope} interactive, announcements,
 * issues or notifications. v3.0 requires {@code url}; v3.1 only {@code channel}.
 *
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record SupportChannel(String id, String channel, String url, String description, String tool,
                             String scope, String invitationUrl, List<CustomProperty> customProperties,
                             @JsonIgnore Map<String, Object> extra) {
    public SupportChannel {
        customProperties = Copies.list(customProperties);
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static SupportChannel bind(OdcsFields f) {
        f.require("channel");
        if (!f.isV31()) {
            f.require("url");
        }
        String id = f.stableId();
        String channel = f.string("channel");
        String url = f.string("url");
        String description = f.string("description");
        String tool = f.string("tool");
        String scope = f.string("scope");
        String invitationUrl = f.string("invitationUrl");
        List<CustomProperty> customProperties = null;
        if (f.isV31()) {
            customProperties = f.objects("customProperties", CustomProperty::bind);
        } else {
            f.newInV31("customProperties");
        }
        return new SupportChannel(id, channel, url, description, tool, scope, invitationUrl, customProperties,
                f.closeInV31());
    }
}
