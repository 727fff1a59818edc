package io.polder.engine.duckdb.check;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading SLA properties: their amounts with units, and their elements ({@code table.column}, comma-separated). */
final class SlaRules {
    private SlaRules() {
    }

    /**
     * An amount of time as an SLA writes it ({@code value: 4}, {@code unit: d}).
     *
     * @param unitName the unit as written, for messages
     */
    record Amount(BigDecimal value, ChronoUnit unit, String unitName) {
        /** {@code now} minus this amount, by the calendar for days and longer. */
        Instant before(Instant now) {
            if (unit.isDateBased() && value.stripTrailingZeros().scale() <= 0) {
                return now.atZone(ZoneOffset.UTC).minus(value.longValueExact(), unit).toInstant();
            }
            return now.minus(Duration.ofMillis(value.multiply(BigDecimal.valueOf(unit.getDuration().toMillis())).longValue()));
        }

        /** {@code duration} in this amount's unit, to two decimals. */
        BigDecimal measure(Duration duration) {
            return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(unit.getDuration().toMillis()), 2,
                    RoundingMode.HALF_UP);
        }

        Duration duration() {
            return Duration.ofMillis(value.multiply(BigDecimal.valueOf(unit.getDuration().toMillis())).longValue());
        }

        @Override
        public String toString() {
            return value.stripTrailingZeros().toPlainString() + " " + unitName;
        }
    }

    /** The amount of an SLA value and unit, or null when the value is not a number or the unit is unknown. */
    static Amount amount(Object value, String unit) {
        if (!(value instanceof Number number) || unit == null) {
            return null;
        }
        ChronoUnit chronoUnit = unit(unit);
        return chronoUnit == null ? null : new Amount(Values.decimal(number), chronoUnit, unit);
    }

    /** ISO-style unit names, as the ODCS SLA section spells them (d, day, days; y, yr, years; ...). */
    static ChronoUnit unit(String unit) {
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "ms", "millisecond", "milliseconds" -> ChronoUnit.MILLIS;
            case "s", "sec", "secs", "second", "seconds" -> ChronoUnit.SECONDS;
            case "m", "min", "mins", "minute", "minutes" -> ChronoUnit.MINUTES;
            case "h", "hr", "hrs", "hour", "hours" -> ChronoUnit.HOURS;
            case "d", "day", "days" -> ChronoUnit.DAYS;
            case "w", "wk", "week", "weeks" -> ChronoUnit.WEEKS;
            case "mo", "mon", "month", "months" -> ChronoUnit.MONTHS;
            case "y", "yr", "yrs", "year", "years" -> ChronoUnit.YEARS;
            default -> null;
        };
    }

    /** An element, split into its table (null when not written) and its column. */
    record Element(String table, String column) {
    }

    static List<Element> elements(String element) {
        List<Element> elements = new ArrayList<>();
        if (element == null) {
            return elements;
        }
        for (String part : element.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int dot = trimmed.lastIndexOf('.');
            elements.add(dot < 0 ? new Element(null, trimmed) : new Element(trimmed.substring(0, dot), trimmed.substring(dot + 1)));
        }
        return elements;
    }

    static boolean isLatency(String property) {
        String name = property == null ? "" : property.toLowerCase(Locale.ROOT);
        return name.equals("latency") || name.equals("ly") || name.equals("freshness");
    }

    static boolean isRetention(String property) {
        String name = property == null ? "" : property.toLowerCase(Locale.ROOT);
        return name.equals("retention") || name.equals("re");
    }
}
