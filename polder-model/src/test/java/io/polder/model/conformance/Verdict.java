package io.polder.model.conformance;

import java.util.List;

/**
 * What an official JSON Schema says about one document.
 *
 * @param standard the standard the document was checked against
 * @param declaredVersion the version the document declares, or null when it declares none
 * @param schema the schema file used, relative to the standards folder
 * @param errors the validator's messages, each prefixed with the JSON pointer it concerns; empty when valid
 */
public record Verdict(Standard standard, String declaredVersion, String schema, List<String> errors) {
    public Verdict {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    @Override
    public String toString() {
        return (valid() ? "valid" : "invalid") + " against " + schema + (valid() ? "" : " " + errors);
    }
}
