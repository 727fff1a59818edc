package io.polder.web.pages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a chart draws, handed to the page's script as JSON in a {@code data-chart} attribute (the page holds no
 * inline script): times in epoch seconds, one series of values and, when there is one, the target it is held
 * against (a service level), drawn as a dashed line.
 *
 * @param label what the values are, with their unit
 * @param target the service level, or null when none is declared
 * @param targetLabel what the target is ("SLA: at most 24 h")
 */
public record Chart(String label, String unit, List<Long> times, List<Double> values, Double target,
                    String targetLabel) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Chart {
        times = List.copyOf(times);
        values = List.copyOf(values);
        if (times.size() != values.size()) {
            throw new IllegalArgumentException("a chart needs one value per time");
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return times.isEmpty();
    }

    /** The chart as the script reads it; the template escapes it for the attribute. */
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
