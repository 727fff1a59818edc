package io.polder.model.conformance;

import java.util.Map;
import java.util.Optional;

/** The three document standards the conformance oracle knows, with their current versions. */
public enum Standard {
    /** Bitol Open Data Contract Standard. */
    ODCS("v3.1.0"),
    /** Bitol Open Data Product Standard. */
    ODPS("v1.0.0"),
    /** Data Contract Specification (deprecated in favour of ODCS, still common in the wild). */
    DCS("1.2.1");

    private final String currentVersion;

    Standard(String currentVersion) {
        this.currentVersion = currentVersion;
    }

    /** The version whose schema is the upstream "latest"; also the fallback for undeclared versions. */
    public String currentVersion() {
        return currentVersion;
    }

    /**
     * Recognises a parsed document by its content, the way the standards tell themselves apart:
     * DCS by its {@code dataContractSpecification} key, Bitol documents by {@code kind}.
     */
    public static Optional<Standard> detect(Map<String, ?> document) {
        if (document.containsKey("dataContractSpecification")) {
            return Optional.of(DCS);
        }
        return switch (String.valueOf(document.get("kind"))) {
            case "DataContract" -> Optional.of(ODCS);
            case "DataProduct" -> Optional.of(ODPS);
            default -> Optional.empty();
        };
    }

    /** The version the document says it follows, if it says so with a string. */
    public Optional<String> declaredVersion(Map<String, ?> document) {
        Object version = document.get(this == DCS ? "dataContractSpecification" : "apiVersion");
        return version instanceof String text ? Optional.of(text) : Optional.empty();
    }
}
