package io.polder.spi;

import java.time.Duration;

/**
 * Which snapshots of a port to keep. Both limits are upper bounds: with {@code keepLast} 10 and
 * {@code maxAge} 30 days, a snapshot goes when it is beyond the ten newest or older than 30 days. The
 * published snapshot is always kept, whatever its age. Without a limit nothing is deleted: Polder deletes
 * data only under a retention rule.
 *
 * @param keepLast how many snapshots to keep at most, the published one included; null for no limit
 * @param maxAge how old a snapshot may get; null for no limit
 */
public record RetentionPolicy(Integer keepLast, Duration maxAge) {
    private static final RetentionPolicy NONE = new RetentionPolicy(null, null);

    public RetentionPolicy {
        if (keepLast != null && keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be at least 1 (the published snapshot), found " + keepLast);
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive, found " + maxAge);
        }
    }

    /** Keep everything. */
    public static RetentionPolicy none() {
        return NONE;
    }

    public static RetentionPolicy keepLast(int snapshots) {
        return new RetentionPolicy(snapshots, null);
    }

    public static RetentionPolicy maxAge(Duration age) {
        return new RetentionPolicy(null, age);
    }

    public boolean keepsEverything() {
        return keepLast == null && maxAge == null;
    }
}
