package io.polder.web;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How the web UI runs.
 *
 * @param searchFolder where the search index lives ({@code <data-dir>/search}); null keeps it in memory
 * @param idleTimeout a session ends after this long without a request
 * @param maxAge a session ends this long after sign-in in any case
 * @param maxSessions at most this many sessions are kept; past it the least recently used one ends
 * @param resyncSeconds how often the search index is compared with the registry, for other replicas' changes
 */
public record WebSettings(Path searchFolder, Duration idleTimeout, Duration maxAge, int maxSessions,
                          long resyncSeconds, Clock clock) {
    public WebSettings {
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(maxAge, "maxAge is null");
        requireNonNull(clock, "clock is null");
        if (resyncSeconds < 1) {
            throw new IllegalArgumentException("resyncSeconds must be positive, found " + resyncSeconds);
        }
    }

    /** The defaults for a server with data directory {@code dataDir}: 30 minutes idle, 8 hours at most. */
    public static WebSettings forDataDir(Path dataDir) {
        return new WebSettings(dataDir.resolve("search"), Duration.ofMinutes(30), Duration.ofHours(8), 10_000, 60,
                Clock.systemUTC());
    }

    /** The defaults with the search index in memory (tests). */
    public static WebSettings inMemory() {
        return new WebSettings(null, Duration.ofMinutes(30), Duration.ofHours(8), 10_000, 60, Clock.systemUTC());
    }

    public WebSettings withClock(Clock value) {
        return new WebSettings(searchFolder, idleTimeout, maxAge, maxSessions, resyncSeconds, value);
    }
}
