package io.polder.registry.access;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.Arrays;
import java.util.Locale;

/** Who a grant is for: one principal (a person or a service), or every member of a team. */
public enum GranteeKind {
    PRINCIPAL,
    TEAM;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws PolderException INVALID_ARGUMENT for anything but principal or team */
    public static GranteeKind parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value().equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown grantee kind "
                        + Names.quoteForMessage(value) + "; the kinds are principal, team"));
    }
}
