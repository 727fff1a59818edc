package io.polder.model.odps;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;

/** ODPS description of a data product: what it is for, its limitations and how to use it. */
public record Description(String purpose, String limitations, String usage,
                          List<AuthoritativeDefinition> authoritativeDefinitions,
                          List<CustomProperty> customProperties) {
    public Description {
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        customProperties = Copies.list(customProperties);
    }

    static Description bind(Fields f, OdpsVersion version) {
        Description description = new Description(f.string("purpose"), f.string("limitations"), f.string("usage"),
                OdpsFields.authoritativeDefinitions(f, version), OdpsFields.customProperties(f));
        f.rejectUnknown();
        return description;
    }
}
