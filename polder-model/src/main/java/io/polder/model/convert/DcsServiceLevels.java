package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DCS service levels as ODCS SLA properties. Each level becomes one SLA property named after it (backup
 * and support also give their recovery and response times), with amounts such as {@code 25h} split into
 * value and unit, the checked field as {@code element} and cron schedules as {@code scheduler: cron}.
 * What a level says beyond that is kept as a contract custom property {@code servicelevels.<level>.<key>}.
 */
final class DcsServiceLevels {
    private static final String PREFIX = "servicelevels.";

    private final ConversionLog log;
    private final List<Map<String, Object>> slaProperties = new ArrayList<>();
    private final List<Map<String, Object>> custom = new ArrayList<>();

    DcsServiceLevels(ConversionLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    /** Converts the {@code servicelevels} object; read the results with {@link #slaProperties()} and {@link #custom()}. */
    void convert(Node servicelevels) {
        SourceObject levels = SourceObject.of(servicelevels, log);
        for (MapNode.Entry entry : levels.node().entries().values()) {
            if (level(entry.key(), entry.value())) {
                levels.place(entry.key());
            }
        }
        custom.addAll(levels.leftovers(PREFIX));
    }

    List<Map<String, Object>> slaProperties() {
        return slaProperties;
    }

    List<Map<String, Object>> custom() {
        return custom;
    }

    private boolean level(String name, Node node) {
        if (!(node instanceof MapNode)) {
            return false;
        }
        SourceObject level = new SourceObject((MapNode) node, log);
        switch (name) {
            case "availability" -> sla(level, "availability", quantity(level, "percentage"), null);
            case "retention" -> retention(level);
            case "latency" -> sla(level, "latency", quantity(level, "threshold"), level.text("sourceTimestampField"));
            case "freshness" -> sla(level, "freshness", quantity(level, "threshold"), level.text("timestampField"));
            case "frequency" -> scheduled(level, "frequency", firstText(level, "interval", "type"));
            case "support" -> support(level);
            case "backup" -> backup(level);
            default -> {
                return false;
            }
        }
        custom.addAll(level.leftovers(PREFIX + name + "."));
        return true;
    }

    private void retention(SourceObject level) {
        Quantities.Quantity period = quantity(level, "period");
        if (period == null && Boolean.TRUE.equals(level.node().get("unlimited") instanceof ScalarNode flag
                ? flag.value() : null)) {
            // Only an unlimited retention without a period is the value itself; any other flag stays custom.
            level.place("unlimited");
            period = new Quantities.Quantity("unlimited", null);
        }
        sla(level, "retention", period, level.text("timestampField"));
    }

    private void support(SourceObject level) {
        sla(level, "support", plain(level.text("time")), null);
        if (level.has("responseTime")) {
            slaProperties.add(property("responseTime", quantity(level, "responseTime")));
        }
    }

    private void backup(SourceObject level) {
        scheduled(level, "backup", level.text("interval"));
        for (String time : List.of("recoveryTime", "recoveryPoint")) {
            if (level.has(time)) {
                slaProperties.add(property(time, quantity(level, time)));
            }
        }
    }

    /** A level delivered on a schedule: its interval as value, its cron expression as the schedule. */
    private void scheduled(SourceObject level, String name, String interval) {
        Map<String, Object> sla = sla(level, name, plain(interval), null);
        String cron = level.text("cron");
        if (cron != null) {
            sla.put("scheduler", "cron");
            sla.put("schedule", cron);
        }
    }

    private Map<String, Object> sla(SourceObject level, String name, Quantities.Quantity value, String element) {
        Map<String, Object> sla = property(name, value);
        Plain.put(sla, "element", element);
        Plain.put(sla, "description", level.text("description"));
        slaProperties.add(sla);
        return sla;
    }

    private static Map<String, Object> property(String name, Quantities.Quantity quantity) {
        Map<String, Object> sla = Plain.map();
        sla.put("property", name);
        sla.put("value", quantity == null ? null : quantity.value()); // the standard requires value, null allowed
        Plain.put(sla, "unit", quantity == null ? null : quantity.unit());
        return sla;
    }

    /** An amount such as {@code 25h} as value and unit; text that is no amount stays the value as it is. */
    private static Quantities.Quantity quantity(SourceObject level, String key) {
        return plainOrParsed(level.text(key));
    }

    private static Quantities.Quantity plainOrParsed(String text) {
        if (text == null) {
            return null;
        }
        Quantities.Quantity parsed = Quantities.parse(text);
        return parsed != null ? parsed : plain(text);
    }

    private static Quantities.Quantity plain(String text) {
        return text == null ? null : new Quantities.Quantity(text, null);
    }

    /** The first of {@code keys} present; the others are left for the custom properties. */
    private static String firstText(SourceObject level, String... keys) {
        for (String key : keys) {
            if (level.has(key)) {
                String text = level.text(key);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
