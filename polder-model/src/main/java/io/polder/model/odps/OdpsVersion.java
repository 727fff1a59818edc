package io.polder.model.odps;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/**
 * The ODPS versions Polder reads, as a document declares them in {@code apiVersion}. Each version's
 * rules are those of its official JSON Schema; the differences that matter when binding are below.
 */
public enum OdpsVersion implements StandardEnum {
    V0_9_0("v0.9.0"),
    V1_0_0("v1.0.0");

    private final String value;

    OdpsVersion(String value) {
        this.value = value;
    }

    /** The newest version Polder reads, and the one it writes for new products. */
    public static OdpsVersion latest() {
        return V1_0_0;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** v1.0.0 made `team` an object holding `members`; v0.9.0 had a bare list of members. */
    boolean hasTeamObject() {
        return this == V1_0_0;
    }

    /** v1.0.0 added `tags`, `customProperties` and `authoritativeDefinitions` to input and output ports. */
    boolean hasPortMetadata() {
        return this == V1_0_0;
    }

    /** v0.9.0 limited an authoritative definition's `type` to five values; v1.0.0 only suggests them. */
    boolean restrictsAuthoritativeDefinitionTypes() {
        return this == V0_9_0;
    }

    /** v1.0.0 made a team member's `username` required. */
    boolean requiresMemberUsername() {
        return this == V1_0_0;
    }

    @Override
    public String toString() {
        return value;
    }
}
