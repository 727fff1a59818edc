package io.polder.registry.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.util.Arrays;
import java.util.Set;

/**
 * Where a product is in its life: draft → active → deprecated (with a sunset date) → retired. A draft may
 * also be retired without ever being active.
 */
public enum LifecycleStatus {
    DRAFT("draft"), ACTIVE("active"), DEPRECATED("deprecated"), RETIRED("retired");

    private final String value;

    LifecycleStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** The statuses a product in this status may move to through a lifecycle change. */
    public Set<LifecycleStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(ACTIVE, RETIRED);
            case ACTIVE -> Set.of(DEPRECATED);
            case DEPRECATED -> Set.of(RETIRED);
            case RETIRED -> Set.of();
        };
    }

    public boolean canMoveTo(LifecycleStatus target) {
        return next().contains(target);
    }

    /**
     * The status spelled {@code value}.
     *
     * @throws PolderException INVALID_ARGUMENT naming the statuses there are
     */
    public static LifecycleStatus parse(String value) {
        return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown lifecycle status "
                        + Names.quoteForMessage(value) + "; the statuses are draft, active, deprecated, retired"));
    }

    @Override
    public String toString() {
        return value;
    }
}
