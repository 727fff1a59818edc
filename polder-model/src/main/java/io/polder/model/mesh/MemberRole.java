package io.polder.model.mesh;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** A member's role in a team: owners may change the team's products, members may build and read them. */
public enum MemberRole implements StandardEnum {
    OWNER("owner"), MEMBER("member");

    private final String value;

    MemberRole(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }
}
