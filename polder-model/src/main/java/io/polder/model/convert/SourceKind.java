package io.polder.model.convert;

/** What a document to convert turned out to be, detected from its content. */
public enum SourceKind {
    /** The Data Contract Specification (a {@code dataContractSpecification} key), any version up to 1.2.1. */
    DATA_CONTRACT_SPECIFICATION("Data Contract Specification"),
    /** An ODCS contract of the v3.0 line (v3.0.0, v3.0.1, v3.0.2). */
    ODCS_V3_0("ODCS v3.0"),
    /** An ODCS v3.1.0 contract: already current, nothing to convert. */
    ODCS_V3_1("ODCS v3.1.0"),
    /** Nothing Polder can convert; the problems say why. */
    UNRECOGNISED("unrecognised document");

    private final String displayName;

    SourceKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
