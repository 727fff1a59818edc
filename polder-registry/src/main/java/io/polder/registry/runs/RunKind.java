package io.polder.registry.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.Arrays;
import java.util.Locale;

/** What a run did: build a product (write, check, publish), or test a port's contract against its data. */
public enum RunKind {
    BUILD,
    TEST;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws PolderException INVALID_ARGUMENT for anything but build or test */
    public static RunKind parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value().equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown run kind "
                        + Names.quoteForMessage(value) + "; the kinds are build, test"));
    }
}
