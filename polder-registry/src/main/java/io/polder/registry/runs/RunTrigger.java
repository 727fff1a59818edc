package io.polder.registry.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a run started: someone asked (the API or CLI), the product's cron schedule, or an upstream publish. */
public enum RunTrigger {
    REQUEST,
    SCHEDULE,
    UPSTREAM;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunTrigger parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
