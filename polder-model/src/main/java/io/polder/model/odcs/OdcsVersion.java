package io.polder.model.odcs;

import java.util.List;
import java.util.stream.Stream;

/**
 * The lines of ODCS v3 that Polder reads, each validated by the rules of its own official JSON Schema:
 * a contract is checked against the version it declares in {@code apiVersion}.
 */
public enum OdcsVersion {
    /** ODCS v3.0.0 to v3.0.2, checked by the rules of the v3.0.2 schema. */
    V3_0("v3.0.2", List.of("v3.0.0", "v3.0.1", "v3.0.2")),
    /** ODCS v3.1.0, checked by the rules of the v3.1.0 schema. */
    V3_1("v3.1.0", List.of("v3.1.0"));

    private static final List<String> LEGACY_API_VERSIONS = List.of("v2.2.2", "v2.2.1", "v2.2.0");

    private final String schemaVersion;
    private final List<String> apiVersions;

    OdcsVersion(String schemaVersion, List<String> apiVersions) {
        this.schemaVersion = schemaVersion;
        this.apiVersions = apiVersions;
    }

    /** The official schema whose verdict these rules reproduce, e.g. "v3.1.0". */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** How messages name this version: "v3.0.x" or "v3.1.0". */
    public String label() {
        return apiVersions.size() == 1 ? apiVersions.getFirst() : schemaVersion.substring(0, 4) + ".x";
    }

    /** The {@code apiVersion} spellings that declare this version. */
    public List<String> apiVersions() {
        return apiVersions;
    }

    /**
     * The {@code apiVersion} values this version's official schema accepts: its own, the earlier v3 ones and
     * the v2.2 ones (the schemas list them so that a newer validator still accepts older documents).
     */
    public List<String> schemaApiVersions() {
        Stream<String> earlier = this == V3_1 ? V3_0.apiVersions.reversed().stream() : Stream.empty();
        return Stream.of(apiVersions.reversed().stream(), earlier, LEGACY_API_VERSIONS.stream())
                .flatMap(s -> s)
                .distinct()
                .toList();
    }

    public boolean isAtLeast(OdcsVersion other) {
        return compareTo(other) >= 0;
    }

    /** The version an {@code apiVersion} declares, or null if Polder does not read it. */
    public static OdcsVersion ofApiVersion(String apiVersion) {
        for (OdcsVersion version : values()) {
            if (version.apiVersions.contains(apiVersion)) {
                return version;
            }
        }
        return null;
    }

    /** Every {@code apiVersion} Polder reads, oldest first. */
    public static List<String> supportedApiVersions() {
        return Stream.of(values()).flatMap(v -> v.apiVersions.stream()).toList();
    }

    public static OdcsVersion latest() {
        return V3_1;
    }
}
