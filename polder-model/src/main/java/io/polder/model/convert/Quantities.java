package io.polder.model.convert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads amounts such as {@code 25h}, {@code 24 hours}, {@code 99.9%} or {@code P1Y} as an ODCS value and unit. */
final class Quantities {
    /** A number and the unit written after it. */
    record Quantity(Object value, String unit) {
    }

    private static final Pattern AMOUNT = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+|%)\\s*$");
    // ISO 8601 periods with one component whose unit ODCS names: years (y) and days (d).
    private static final Pattern PERIOD = Pattern.compile("^P(\\d+)([YD])$");

    private Quantities() {
    }

    /** The quantity written in {@code text}, or null when it is not a plain number with a unit. */
    static Quantity parse(String text) {
        Matcher amount = AMOUNT.matcher(text);
        if (amount.matches()) {
            String unit = amount.group(2).equals("%") ? "percent" : amount.group(2);
            return new Quantity(number(amount.group(1)), unit);
        }
        Matcher period = PERIOD.matcher(text.strip());
        if (period.matches()) {
            return new Quantity(number(period.group(1)), period.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return null;
    }

    static Object number(String digits) {
        if (digits.contains(".")) {
            return Double.parseDouble(digits);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return new java.math.BigInteger(digits);
        }
    }
}
