package io.polder.web.pages;

import static io.polder.web.Lists.orEmpty;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SlaProperty;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The freshness a contract promises, read from its {@code slaProperties}: {@code frequency} (a new snapshot at
 * least this often) or, without one, {@code latency} / {@code freshness} (the data no older than this).
 *
 * @param property the SLA property it was read from
 * @param limit how old the published snapshot may grow
 */
public record ServiceLevel(String property, Duration limit) {
    /** The contract's freshness promise, when it declares one with a number and a unit of time. */
    public static Optional<ServiceLevel> freshnessOf(DataContract contract) {
        if (contract == null) {
            return Optional.empty();
        }
        Optional<ServiceLevel> frequency = find(contract, "frequency");
        return frequency.isPresent() ? frequency : find(contract, "latency").or(() -> find(contract, "freshness"));
    }

    private static Optional<ServiceLevel> find(DataContract contract, String name) {
        for (SlaProperty property : orEmpty(contract.slaProperties())) {
            if (property.property() != null && property.property().equalsIgnoreCase(name)
                    && property.value() instanceof Number amount) {
                Duration unit = unit(property.unit());
                if (unit != null && amount.doubleValue() > 0) {
                    return Optional.of(new ServiceLevel(property.property(),
                            Duration.ofMillis(Math.round(amount.doubleValue() * unit.toMillis()))));
                }
            }
        }
        return Optional.empty();
    }

    /** The units ODCS examples write (and their long forms); a day when none is given, as ODCS's default. */
    static Duration unit(String unit) {
        String name = unit == null ? "d" : unit.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(1);
            case "d", "day", "days" -> Duration.ofDays(1);
            case "w", "wk", "week", "weeks" -> Duration.ofDays(7);
            default -> null;
        };
    }

    public double limitHours() {
        return limit.toMillis() / 3_600_000.0;
    }

    /** "at most 24 h (frequency)". */
    public String describe() {
        return "at most " + Format.hours(limitHours()) + " (" + property + ")";
    }
}
