package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/**
 * ODPS input port: what the product expects to consume, as the data contract ({@code contractId}) of
 * another product's output port at a given {@code version}. Name and version together are the key.
 */
public record InputPort(String name, String version, String contractId, List<String> tags,
                        List<CustomProperty> customProperties,
                        List<AuthoritativeDefinition> authoritativeDefinitions) {
    public InputPort {
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
    }

    static InputPort bind(Fields f, OdpsVersion version) {
        f.require("name", "version", "contractId");
        String name = f.string("name");
        String portVersion = f.string("version");
        String contractId = f.string("contractId");
        InputPort port;
        if (version.hasPortMetadata()) {
            port = new InputPort(name, portVersion, contractId, f.strings("tags"), OdpsFields.customProperties(f),
                    OdpsFields.authoritativeDefinitions(f, version));
        } else {
            port = new InputPort(name, portVersion, contractId, null, null, null);
            OdpsFields.rejectNewerFields(f, "an input port", OdpsVersion.V1_0_0,
                    "tags", "customProperties", "authoritativeDefinitions");
        }
        f.rejectUnknown();
        return port;
    }
}
