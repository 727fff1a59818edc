package io.polder.registry.usage;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.Arrays;

/** How a query through the gateway ended. */
public enum UsageOutcome {
    /** It ran and its rows were returned. */
    SUCCEEDED("succeeded"),
    /** Refused as not granted (no grant, an expired or revoked one) or as a construct the gateway does not serve. */
    DENIED("denied"),
    /** Refused or stopped for another reason: not valid SQL, several statements, a limit, an internal error. */
    FAILED("failed");

    private final String value;

    UsageOutcome(String value) {
        this.value = value;
    }

    /** The outcome of a query refused with {@code code}. */
    public static UsageOutcome ofRefusal(ErrorCode code) {
        return code == ErrorCode.FORBIDDEN ? DENIED : FAILED;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static UsageOutcome parse(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.value.equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown usage outcome "
                        + Names.quoteForMessage(value) + "; the outcomes are succeeded, denied, failed"));
    }

    @Override
    public String toString() {
        return value;
    }
}
