package io.polder.governance;

import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.types.CelType;
import dev.cel.common.values.NullValue;
import dev.cel.common.values.StructValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record seen by CEL as a struct of its fields. Fields are converted when a policy first reads them and
 * kept, so a policy that reads two fields of a contract does not pay for converting the whole contract;
 * CEL's runtime takes the struct as it is, without copying it. An absent field is absent: {@code has()} is
 * false, and reading it is an error. Not thread-safe: the engine builds fresh ones for each evaluation of
 * a product.
 */
final class RecordValue extends StructValue<String, Object> {
    private static final Object UNREAD = new Object();
    private static final Object ABSENT = new Object();

    private final CelModel.Shape shape;
    private final Object record;
    private final Object[] values;
    private Map<String, Object> extras;

    /** @param record null for a struct with every field absent */
    RecordValue(CelModel.Shape shape, Object record) {
        this.shape = shape;
        this.record = record;
        this.values = new Object[shape.fields.size()];
        Arrays.fill(values, record == null ? ABSENT : UNREAD);
    }

    /** The value of a field, or null when it is absent. */
    Object get(String field) {
        Integer index = shape.index.get(field);
        if (index != null) {
            Object value = field(index);
            return value == ABSENT ? null : value;
        }
        return shape.anyGetter == null || record == null ? null : extras().get(field);
    }

    @Override
    public Object select(String field) {
        Object value = get(field);
        if (value == null) {
            throw CelAttributeNotFoundException.of("field `" + field + "` is absent");
        }
        return value;
    }

    @Override
    public Optional<Object> find(String field) {
        return Optional.ofNullable(get(field));
    }

    @Override
    public Object value() {
        return this;
    }

    @Override
    public boolean isZeroValue() {
        return record == null;
    }

    @Override
    public CelType celType() {
        return shape.type;
    }

    /** The present fields, in the order the standard writes them: for messages. */
    Map<String, Object> fields() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Object value = field(i);
            if (value != ABSENT) {
                all.put(shape.fields.get(i).name(), value);
            }
        }
        if (shape.anyGetter != null && record != null) {
            extras().forEach(all::putIfAbsent);
        }
        return all;
    }

    private Object field(int index) {
        Object value = values[index];
        if (value == UNREAD) {
            CelModel.Field field = shape.fields.get(index);
            Object raw = CelModel.invoke(field.accessor(), record);
            value = raw != null ? field.converter().apply(raw) : field.nullIsValue() ? NullValue.NULL_VALUE : ABSENT;
            values[index] = value;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> extras() {
        if (extras == null) {
            Object raw = CelModel.invoke(shape.anyGetter, record);
            extras = raw == null ? Map.of() : (Map<String, Object>) CelModel.plain(raw);
        }
        return extras;
    }

    /** Two structs are equal when they show the same record (records compare by value). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecordValue that && shape == that.shape && Objects.equals(record, that.record);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(record);
    }

    @Override
    public String toString() {
        return MessageTemplate.format(this);
    }
}
