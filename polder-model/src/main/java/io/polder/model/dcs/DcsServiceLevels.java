package io.polder.model.dcs;

import java.util.regex.Pattern;

/** The service levels: availability, retention, latency, freshness, frequency, support and backup. */
final class DcsServiceLevels {
    /** The schema's {@code ^\d+(\.\d+)?%$}, with ECMAScript's {@code $} (the end of the text). */
    private static final Pattern PERCENTAGE = Pattern.compile("^\\d+(\\.\\d+)?%\\z");

    private DcsServiceLevels() {
    }

    static void serviceLevels(DcsFields levels) {
        levels.object("availability", availability -> {
            availability.string("description");
            availability.string("percentage", PERCENTAGE, "must be a percentage such as '99.9%'");
            availability.warnNearMisses();
        });
        levels.object("retention", retention -> {
            retention.strings("description", "period", "timestampField");
            retention.bool("unlimited");
            retention.warnNearMisses();
        });
        levels.object("latency", latency -> strings(latency, "description", "threshold", "sourceTimestampField",
                "processedTimestampField"));
        levels.object("freshness", freshness -> strings(freshness, "description", "threshold", "timestampField"));
        levels.object("frequency", frequency -> {
            frequency.choice("type", DcsFrequencyType.class);
            strings(frequency, "description", "interval", "cron");
        });
        levels.object("support", support -> strings(support, "description", "time", "responseTime"));
        levels.object("backup", backup -> strings(backup, "description", "interval", "cron", "recoveryTime",
                "recoveryPoint"));
        levels.warnNearMisses();
    }

    /** An object of optional strings only. */
    private static void strings(DcsFields level, String... keys) {
        level.strings(keys);
        level.warnNearMisses();
    }
}
