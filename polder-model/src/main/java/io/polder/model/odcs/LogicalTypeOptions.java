package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Map;

/**
 * The {@code logicalTypeOptions} of a property, typed by its logical type: each type allows its own
 * options and no others.
 */
public sealed interface LogicalTypeOptions permits LogicalTypeOptions.StringOptions,
        LogicalTypeOptions.TemporalOptions, LogicalTypeOptions.NumericOptions, LogicalTypeOptions.ObjectOptions,
        LogicalTypeOptions.ArrayOptions, LogicalTypeOptions.OtherOptions {

    /** Options of a string: length bounds, an ECMA-262 pattern and a format (email, uuid, uri, ...). */
    record StringOptions(Long minLength, Long maxLength, String pattern, String format) implements LogicalTypeOptions {
    }

    /**
     * Options of a date, timestamp or time. Bounds are written as strings in the property's format.
     * {@code timezone} and {@code defaultTimezone} (default Etc/UTC) apply to timestamps and times.
     *
     * @param exclusiveMaximum a bound (String) in v3.1; in v3.0 a Boolean saying that {@code maximum} is exclusive
     * @param exclusiveMinimum a bound (String) in v3.1; in v3.0 a Boolean saying that {@code minimum} is exclusive
     */
    record TemporalOptions(String format, Object exclusiveMaximum, String maximum, Object exclusiveMinimum,
                           String minimum, Boolean timezone, String defaultTimezone) implements LogicalTypeOptions {
    }

    /**
     * Options of an integer or a number.
     *
     * @param exclusiveMaximum a bound (Number) in v3.1; in v3.0 a Boolean saying that {@code maximum} is exclusive
     * @param exclusiveMinimum a bound (Number) in v3.1; in v3.0 a Boolean saying that {@code minimum} is exclusive
     * @param format for integers i8, i16, i32 (default), i64, i128 and u8 to u128; for numbers f32 or f64
     */
    record NumericOptions(Number multipleOf, Number maximum, Object exclusiveMaximum, Number minimum,
                          Object exclusiveMinimum, String format) implements LogicalTypeOptions {
    }

    /** Options of an object: bounds on its number of properties and the names it requires. */
    record ObjectOptions(Long maxProperties, Long minProperties, List<String> required) implements LogicalTypeOptions {
        public ObjectOptions {
            required = Copies.list(required);
        }
    }

    /** Options of an array. */
    record ArrayOptions(Long maxItems, Long minItems, Boolean uniqueItems) implements LogicalTypeOptions {
    }

    /**
     * Options the standard does not type: those of a boolean (which it leaves free), or of a property whose
     * logical type is missing or unknown. Written back as they were.
     */
    record OtherOptions(Map<String, Object> values) implements LogicalTypeOptions {
        public OtherOptions {
            values = PlainValues.copyMap(values);
        }

        @JsonValue
        public Map<String, Object> asWritten() {
            return values;
        }
    }
}
