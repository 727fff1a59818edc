package io.polder.spi;

import static java.util.Objects.requireNonNull;

import io.polder.spi.exceptions.InvalidEngineConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine's settings, as name-value strings (like a Trino catalog's properties file). Each engine
 * documents its keys; {@link #requireOnly} rejects the ones it does not know, so a typo is an error rather
 * than a silently ignored setting.
 */
public record EngineConfig(Map<String, String> properties) {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public EngineConfig {
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }

    public static EngineConfig empty() {
        return new EngineConfig(Map.of());
    }

    public static EngineConfig of(Map<String, String> properties) {
        return new EngineConfig(properties);
    }

    /** A copy with {@code key} set to {@code value}. */
    public EngineConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return new EngineConfig(copy);
    }

    public String string(String key, String fallback) {
        return properties.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidEngineConfigException("engine setting `" + key + "` must be a whole number, found '" + value + "'");
        }
    }

    /** A duration written {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms} or ISO-8601 ({@code PT10M}). */
    public Duration duration(String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        Matcher simple = SIMPLE_DURATION.matcher(value.trim());
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidEngineConfigException("engine setting `" + key + "` must be a duration such as 30s, 10m"
                    + " or 2h, found '" + value + "'");
        }
    }

    /** Fails when a key is set that {@code known} does not list. */
    public void requireOnly(String engine, Set<String> known) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidEngineConfigException("unknown setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " for engine " + engine + "; it knows " + String.join(", ", new TreeSet<>(known)));
        }
    }
}
