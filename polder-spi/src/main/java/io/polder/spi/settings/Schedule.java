package io.polder.spi.settings;

import io.polder.model.bind.Fields;
import java.util.regex.Pattern;

/**
 * When the platform's scheduler builds the product: on a cron schedule, when an upstream product
 * publishes, or both.
 *
 * @param cron five fields (minute hour day-of-month month day-of-week), e.g. {@code 5 * * * *}; null for none
 * @param onUpstreamPublish build whenever a product this one reads publishes a new snapshot (default false)
 */
public record Schedule(String cron, Boolean onUpstreamPublish) {
    private static final Pattern CRON = Pattern.compile("^\\s*(\\S+\\s+){4}\\S+\\s*$");
    private static final Pattern FIELD = Pattern.compile("^[0-9A-Za-z*/,?LW#-]+$");

    public boolean buildsOnUpstreamPublish() {
        return Boolean.TRUE.equals(onUpstreamPublish);
    }

    static Schedule bind(Fields f) {
        String cron = f.string("cron");
        if (cron != null && !isCron(cron)) {
            f.problems().error(f.node().get("cron"), "`cron` must have five fields (minute hour day-of-month month"
                    + " day-of-week), such as \"5 * * * *\"; found '" + cron + "'");
        }
        Schedule schedule = new Schedule(cron, f.bool("onUpstreamPublish"));
        f.rejectUnknown();
        return schedule;
    }

    private static boolean isCron(String text) {
        if (!CRON.matcher(text).matches()) {
            return false;
        }
        for (String field : text.trim().split("\\s+")) {
            if (!FIELD.matcher(field).matches()) {
                return false;
            }
        }
        return true;
    }
}
