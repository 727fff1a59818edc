package io.polder.registry.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a run is: queued, running, then succeeded or failed. A build succeeds when every output port passed its
 * contract; a test succeeds when no error-level check failed.
 */
public enum RunState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** @throws PolderException INVALID_ARGUMENT naming the states there are */
    public static RunState parse(String value) {
        return Arrays.stream(values()).filter(state -> state.value().equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown run state "
                        + Names.quoteForMessage(value) + "; the states are queued, running, succeeded, failed"));
    }
}
