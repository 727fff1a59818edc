package io.polder.registry.access;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.Arrays;
import java.util.Locale;

/** Where an access request is: waiting for the port's owners, or decided. */
public enum AccessRequestState {
    PENDING,
    APPROVED,
    REJECTED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws PolderException INVALID_ARGUMENT for anything but pending, approved or rejected */
    public static AccessRequestState parse(String value) {
        return Arrays.stream(values()).filter(state -> state.value().equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown request state "
                        + Names.quoteForMessage(value) + "; the states are pending, approved, rejected"));
    }

    @Override
    public String toString() {
        return value();
    }
}
