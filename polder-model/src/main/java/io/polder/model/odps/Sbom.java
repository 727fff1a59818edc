package io.polder.model.odps;

import io.polder.model.bind.Fields;

/** ODPS software bill of materials of an output port version, to be downloaded from {@code url}. */
public record Sbom(String type, String url) {
    /** The type ODPS assumes when none is given, and the only one it defines. */
    public static final String EXTERNAL = "external";

    static Sbom bind(Fields f) {
        f.require("url");
        Sbom sbom = new Sbom(f.string("type"), OdpsFields.uri(f, "url"));
        f.rejectUnknown();
        return sbom;
    }

    /** The type, with the standard's default applied. */
    public String effectiveType() {
        return type == null ? EXTERNAL : type;
    }
}
