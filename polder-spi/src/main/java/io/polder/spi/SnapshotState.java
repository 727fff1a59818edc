package io.polder.spi;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a snapshot is in write-audit-publish. */
public enum SnapshotState {
    /** Written, and either not checked yet or passed but not published (a build asked not to publish). */
    CANDIDATE,
    /** The port's current data: what consumers read. Exactly one snapshot of a port is published, or none. */
    PUBLISHED,
    /** Published once, replaced since; it can be published again (a rollback). */
    SUPERSEDED,
    /** Failed its checks or its build; kept for diagnosis and never published. */
    QUARANTINED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
