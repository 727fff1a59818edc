package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/**
 * ODPS support channel (shared by the Bitol standards): where consumers get help. {@code tool} and
 * {@code scope} are free text; the standard suggests email, slack, teams, discord, ticket, other and
 * interactive, announcements, issues.
 */
public record SupportChannel(String channel, String url, String description, String tool, String scope,
                             String invitationUrl, List<String> tags, List<CustomProperty> customProperties,
                             List<AuthoritativeDefinition> authoritativeDefinitions) {
    public SupportChannel {
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
    }

    static SupportChannel bind(Fields f, OdpsVersion version) {
        f.require("channel", "url");
        SupportChannel channel = new SupportChannel(f.string("channel"), OdpsFields.uri(f, "url"),
                f.string("description"), f.string("tool"), f.string("scope"), OdpsFields.uri(f, "invitationUrl"),
                f.strings("tags"), OdpsFields.customProperties(f), OdpsFields.authoritativeDefinitions(f, version));
        f.rejectUnknown();
        return channel;
    }
}
