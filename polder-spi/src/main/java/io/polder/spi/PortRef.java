package io.polder.spi;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output port of a product at one major version: the unit that holds snapshots and has one published
 * pointer. Minor and patch versions of a port are compatible by semver, so they share their data; a new
 * major version gets storage of its own.
 *
 * <p>The parts are safe as path segments and identifiers: letters, digits, {@code .}, {@code _} and
 * {@code -}, starting with a letter or digit.
 */
public record PortRef(String productId, String portName, int majorVersion) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TEXT = Pattern.compile("(" + NAME + ")/(" + NAME + ")/v(\\d{1,6})");
    private static final Pattern MAJOR = Pattern.compile("^v?(\\d{1,6})(?:\\.|$)");

    public PortRef {
        checkName(productId, "product id");
        checkName(portName, "port name");
        if (majorVersion < 0) {
            throw new IllegalArgumentException("major version must not be negative, found " + majorVersion);
        }
    }

    /** The port {@code portName} of {@code productId} at the major version of {@code version} (semver, e.g. 1.2.0). */
    public static PortRef of(String productId, String portName, String version) {
        return new PortRef(productId, portName, majorOf(version));
    }

    /** Reads the form {@link #toString()} writes: {@code product/port/v1}. */
    public static PortRef parse(String text) {
        Matcher matcher = TEXT.matcher(requireNonNull(text, "text is null"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a port reference (product/port/vMAJOR): '" + text + "'");
        }
        return new PortRef(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3)));
    }

    /** The major version of a semantic version such as {@code 1.2.0} (or {@code v1}). */
    public static int majorOf(String version) {
        Matcher matcher = MAJOR.matcher(requireNonNull(version, "version is null"));
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a semantic version: '" + version + "'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static void checkName(String value, String what) {
        requireNonNull(value, what + " is null");
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return productId + "/" + portName + "/v" + majorVersion;
    }
}
