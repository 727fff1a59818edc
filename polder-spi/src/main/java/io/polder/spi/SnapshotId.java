package io.polder.spi;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The id of one snapshot of a port: the UTC time it was started, to the millisecond, and six random hex
 * digits, such as {@code 20250301T101500123Z-4f2a9c}. Ids sort in the order snapshots were made, and are
 * safe as a folder name or an Iceberg tag.
 */
public record SnapshotId(String value) implements Comparable<SnapshotId> {
    private static final Pattern FORM = Pattern.compile("\\d{8}T\\d{9}Z-[0-9a-f]{6}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public SnapshotId {
        requireNonNull(value, "value is null");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a snapshot id (e.g. 20250301T101500123Z-4f2a9c): '" + value + "'");
        }
    }

    public static SnapshotId parse(String value) {
        return new SnapshotId(value);
    }

    /** A new id for a snapshot started now. */
    public static SnapshotId next(Clock clock, RandomGenerator random) {
        return at(clock.instant(), random);
    }

    /** A new id for a snapshot started at {@code start}. */
    public static SnapshotId at(Instant start, RandomGenerator random) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return new SnapshotId(TIME.format(start) + "-" + HexFormat.of().formatHex(suffix));
    }

    /** When the snapshot was started, to the millisecond. */
    public Instant startedAt() {
        return TIME.parse(value.substring(0, value.indexOf('-')), Instant::from);
    }

    @Override
    public int compareTo(SnapshotId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
