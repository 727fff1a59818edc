package io.polder.model.odps;

import io.polder.model.bind.Fields;
import io.polder.model.bind.Hints;
import java.util.List;

/**
 * ODPS authoritative definition: a link to a source that says more (a business definition, the
 * implementation, a tutorial). At the root, type {@code canonicalUrl} points to the product's latest version.
 */
public record AuthoritativeDefinition(String type, String url, String description) {
    /** The only types ODPS v0.9.0 accepts; v1.0.0 recommends them but accepts any. */
    public static final List<String> RECOMMENDED_TYPES = List.of(
            "businessDefinition", "transformationImplementation", "videoTutorial", "tutorial", "implementation");

    static AuthoritativeDefinition bind(Fields f, OdpsVersion version) {
        f.require("type", "url");
        AuthoritativeDefinition definition = new AuthoritativeDefinition(type(f, version), OdpsFields.uri(f, "url"),
                f.string("description"));
        f.rejectUnknown();
        return definition;
    }

    private static String type(Fields f, OdpsVersion version) {
        String type = f.string("type");
        if (type != null && version.restrictsAuthoritativeDefinitionTypes() && !RECOMMENDED_TYPES.contains(type)) {
            String nearest = Hints.nearest(type, RECOMMENDED_TYPES);
            f.problems().error(f.node().get("type"), "`type` must be one of " + String.join(", ", RECOMMENDED_TYPES)
                    + " in ODPS " + version + "; found '" + type + "'"
                    + (nearest == null ? "" : "; did you mean `" + nearest + "`?"));
        }
        return type;
    }
}
