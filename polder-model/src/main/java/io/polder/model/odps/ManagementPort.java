package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/**
 * ODPS management port: an access point for managing the product, such as a REST endpoint for
 * observability or a topic for dictionary updates. {@code content} and {@code type} are free text; the
 * standard suggests discoverability, observability, control, dictionary and rest (the default), topic.
 */
public record ManagementPort(String name, String content, String type, String url, String channel,
                             String description, List<String> tags, List<CustomProperty> customProperties,
                             List<AuthoritativeDefinition> authoritativeDefinitions) {
    /** The type ODPS assumes when none is given. */
    public static final String DEFAULT_TYPE = "rest";

    public ManagementPort {
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
    }

    static ManagementPort bind(Fields f, OdpsVersion version) {
        f.require("name", "content");
        ManagementPort port = new ManagementPort(f.string("name"), f.string("content"), f.string("type"),
                OdpsFields.uri(f, "url"), f.string("channel"), f.string("description"), f.strings("tags"),
                OdpsFields.customProperties(f), OdpsFields.authoritativeDefinitions(f, version));
        f.rejectUnknown();
        return port;
    }

    /** The type, with the standard's default applied. */
    public String effectiveType() {
        return type == null ? DEFAULT_TYPE : type;
    }
}
