package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.Map;

/**
 * ODCS service-level agreement property: one promise, such as {@code latency: 4 d} or
 * {@code retention: 3 y}. Common properties are latency, availability, throughput, errorRate,
 * generalAvailability, endOfSupport, endOfLife, retention, frequency, timeOfAvailability.
 *
 * @param value the agreed value: a string, number, boolean or null (never a list or object)
 * @param valueExt an extended value, of the same kinds
 * @param element the element(s) the agreement applies to, in element path notation
 * @param driver why it matters: regulatory, analytics or operational
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record SlaProperty(String id, String property, @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
                          Object valueExt, String unit, String element, String driver, String description,
                          String scheduler, String schedule, @JsonIgnore Map<String, Object> extra) {
    public SlaProperty {
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static SlaProperty bind(OdcsFields f) {
        f.require("property", "value");
        String id = f.stableId();
        String property = f.string("property");
        Object value = scalar(f, "value");
        Object valueExt = scalar(f, "valueExt");
        String unit = f.string("unit");
        String element = f.string("element");
        String driver = f.string("driver");
        String description = null;
        String scheduler = null;
        String schedule = null;
        if (f.isV31()) {
            description = f.string("description");
            scheduler = f.string("scheduler");
            schedule = f.string("schedule");
        } else {
            f.newInV31("description", "scheduler", "schedule");
        }
        return new SlaProperty(id, property, value, valueExt, unit, element, driver, description, scheduler,
                schedule, f.closeInV31());
    }

    /** A string, number, boolean or null: the schema's AnyNonCollectionType. */
    private static Object scalar(OdcsFields f, String key) {
        Node node = f.raw(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.value();
        }
        f.problems().error(node, "`" + key + "` must be a string, number, boolean or null, found " + node.kindName());
        return null;
    }
}
