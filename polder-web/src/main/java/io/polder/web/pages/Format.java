package io.polder.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages write values. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** Hours as people read them: "36 min", "5.5 h", "3.2 d". */
    public static String hours(double hours) {
        if (hours < 1) {
            return String.format(Locale.ROOT, "%.0f min", hours * 60);
        }
        if (hours < 72) {
            return String.format(Locale.ROOT, hours < 10 ? "%.1f h" : "%.0f h", hours);
        }
        return String.format(Locale.ROOT, "%.1f d", hours / 24);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
