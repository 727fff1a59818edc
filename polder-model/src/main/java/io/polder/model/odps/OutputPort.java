package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/**
 * ODPS output port: what the product promises, backed by the data contract {@code contractId}. Each
 * version of a port is listed as its own port; name and version together are the key.
 */
public record OutputPort(String name, String description, String type, String version, String contractId,
                         List<Sbom> sbom, List<InputContract> inputContracts, List<String> tags,
                         List<CustomProperty> customProperties,
                         List<AuthoritativeDefinition> authoritativeDefinitions) {
    public OutputPort {
        sbom = Copies.list(sbom);
        inputContracts = Copies.list(inputContracts);
        tags = Copies.list(tags);
        customProperties = Copies.list(customProperties);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
    }

    static OutputPort bind(Fields f, OdpsVersion version) {
        f.require("name", "version");
        String name = f.string("name");
        String description = f.string("description");
        String type = f.string("type");
        String portVersion = f.string("version");
        String contractId = f.string("contractId");
        List<Sbom> sbom = f.objects("sbom", Sbom::bind);
        List<InputContract> inputContracts = f.objects("inputContracts", InputContract::bind);
        OutputPort port;
        if (version.hasPortMetadata()) {
            port = new OutputPort(name, description, type, portVersion, contractId, sbom, inputContracts,
                    f.strings("tags"), OdpsFields.customProperties(f), OdpsFields.authoritativeDefinitions(f, version));
        } else {
            port = new OutputPort(name, description, type, portVersion, contractId, sbom, inputContracts,
                    null, null, null);
            OdpsFields.rejectNewerFields(f, "an output port", OdpsVersion.V1_0_0,
                    "tags", "customProperties", "authoritativeDefinitions");
        }
        f.rejectUnknown();
        return port;
    }

    /** The input contracts, or an empty list when none are declared. */
    public List<InputContract> inputContractList() {
        return inputContracts == null ? List.of() : inputContracts;
    }
}
