package io.polder.server.build;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression (minute, hour, day of month, month, day of week), as polder.yaml's
 * {@code schedule.cron} holds it: numbers, {@code *}, {@code ?}, ranges {@code a-b}, steps {@code * /n} and
 * {@code a-b/n}, lists, month and day names ({@code JAN}, {@code MON}); day of week 0 or 7 is Sunday. When both
 * day fields are restricted a day matching either one matches, as in Vixie cron. Evaluated in UTC by the scheduler.
 */
public final class CronExpression {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], 0, 59, List.of(), 0);
        this.hours = field(fields[1], 0, 23, List.of(), 0);
        this.daysOfMonth = field(fields[2], 1, 31, List.of(), 0);
        this.months = field(fields[3], 1, 12, MONTHS, 1);
        BitSet days = field(fields[4], 0, 7, DAYS, 0);
        if (days.get(7)) {
            days.set(0);
        }
        this.daysOfWeek = days;
        this.dayOfMonthRestricted = !isAny(fields[2]);
        this.dayOfWeekRestricted = !isAny(fields[4]);
    }

    /** @throws IllegalArgumentException naming what is wrong, for anything this class cannot evaluate */
    public static CronExpression parse(String text) {
        requireNonNull(text, "text is null");
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron expression has five fields (minute hour day-of-month month"
                    + " day-of-week), found '" + text + "'");
        }
        return new CronExpression(text.trim(), fields);
    }

    /** Whether the expression fires in the minute of {@code time}. */
    public boolean matches(ZonedDateTime time) {
        int dayOfWeek = time.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : time.getDayOfWeek().getValue();
        boolean dayOfMonth = daysOfMonth.get(time.getDayOfMonth());
        boolean weekday = daysOfWeek.get(dayOfWeek);
        boolean day = dayOfMonthRestricted && dayOfWeekRestricted ? dayOfMonth || weekday : dayOfMonth && weekday;
        return minutes.get(time.getMinute()) && hours.get(time.getHour()) && months.get(time.getMonthValue()) && day;
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet field(String field, int min, int max, List<String> names, int firstName) {
        BitSet values = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, List.of(), 0, field);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), min, max, names, firstName, field);
                to = number(range.substring(range.indexOf('-') + 1), min, max, names, firstName, field);
            } else {
                from = number(range, min, max, names, firstName, field);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("cron field '" + field + "' has a range that runs backwards");
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, int min, int max, List<String> names, int firstName, String field) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + firstName;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("cron field '" + field + "': " + value + " is not between " + min
                        + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron field '" + field + "': '" + text + "' is not a number"
                    + (names.isEmpty() ? "" : " or a name such as " + names.getFirst())
                    + " (L, W and # are not supported)");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
