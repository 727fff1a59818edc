package io.polder.registry.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Arrays;

/** How an audited action ended. */
public enum AuditOutcome {
    /** The change was made. */
    SUCCEEDED("succeeded"),
    /** The principal lacked the role for it. */
    DENIED("denied"),
    /** It was allowed but refused by the registry's rules: a conflict, an invalid document. */
    FAILED("failed");

    private final String value;

    AuditOutcome(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static AuditOutcome parse(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.value.equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT,
                        "unknown audit outcome " + io.polder.registry.Names.quoteForMessage(value)
                                + "; the outcomes are succeeded, denied, failed"));
    }

    @Override
    public String toString() {
        return value;
    }
}
