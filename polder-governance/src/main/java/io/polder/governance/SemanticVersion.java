package io.polder.governance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Semantic Versioning 2.0.0 version (semver.org), for the {@code isSemver} family of CEL functions. */
record SemanticVersion(long major, long minor, long patch, String preRelease) implements Comparable<SemanticVersion> {
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    static boolean isValid(String text) {
        return SEMVER.matcher(text).matches();
    }

    /** The version, or null when {@code text} is not one. */
    static SemanticVersion parse(String text) {
        Matcher matcher = SEMVER.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        return new SemanticVersion(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)), matcher.group(4));
    }

    /** Precedence as semver.org defines it: build metadata ignored, a pre-release below its release. */
    @Override
    public int compareTo(SemanticVersion other) {
        int core = Long.compare(major, other.major);
        core = core != 0 ? core : Long.compare(minor, other.minor);
        core = core != 0 ? core : Long.compare(patch, other.patch);
        if (core != 0) {
            return core;
        }
        if (preRelease == null || other.preRelease == null) {
            return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
        }
        return comparePreRelease(preRelease.split("\\."), other.preRelease.split("\\."));
    }

    private static int comparePreRelease(String[] left, String[] right) {
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean leftNumeric = left[i].chars().allMatch(Character::isDigit);
            boolean rightNumeric = right[i].chars().allMatch(Character::isDigit);
            int compared;
            if (leftNumeric && rightNumeric) {
                compared = new java.math.BigInteger(left[i]).compareTo(new java.math.BigInteger(right[i]));
            } else if (leftNumeric != rightNumeric) {
                compared = leftNumeric ? -1 : 1;
            } else {
                compared = left[i].compareTo(right[i]);
            }
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
