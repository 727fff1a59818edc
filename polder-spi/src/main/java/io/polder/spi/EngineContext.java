package io.polder.spi;

import static java.util.Objects.requireNonNull;

import io.polder.spi.lineage.LineageListener;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the platform gives an engine: the data directory it may keep its files in, the clock, where
 * lineage goes, and how to look up secrets. Engines get their services here, never from statics, so a
 * test can give them a fixed clock or collect their lineage.
 */
public record EngineContext(Path dataDirectory, Clock clock, LineageListener lineage, SecretResolver secrets) {
    public EngineContext {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(lineage, "lineage is null");
        requireNonNull(secrets, "secrets is null");
    }

    /** A context with the system clock, no lineage listener and secrets from the environment. */
    public static EngineContext of(Path dataDirectory) {
        return new EngineContext(dataDirectory, Clock.systemUTC(), LineageListener.NONE, SecretResolver.environment());
    }

    public EngineContext withClock(Clock newClock) {
        return new EngineContext(dataDirectory, newClock, lineage, secrets);
    }

    public EngineContext withLineage(LineageListener newLineage) {
        return new EngineContext(dataDirectory, clock, newLineage, secrets);
    }

    public EngineContext withSecrets(SecretResolver newSecrets) {
        return new EngineContext(dataDirectory, clock, lineage, newSecrets);
    }
}
