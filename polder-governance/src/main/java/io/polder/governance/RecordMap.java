package io.polder.governance;

import dev.cel.common.values.NullValue;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record seen by CEL as a map of its fields. Fields are converted when a policy first reads them and kept,
 * so a policy that reads two fields of a contract does not pay for converting the whole contract. Not
 * thread-safe: the engine builds fresh ones for each evaluation of a product.
 */
final class RecordMap extends AbstractMap<String, Object> {
    private static final Object UNREAD = new Object();
    private static final Object ABSENT = new Object();

    private final CelModel.Shape shape;
    private final Object record;
    private final Object[] values;
    private Map<String, Object> extras;
    private Set<Entry<String, Object>> entries;

    RecordMap(CelModel.Shape shape, Object record) {
        this.shape = shape;
        this.record = record;
        this.values = new Object[shape.fields.size()];
        java.util.Arrays.fill(values, UNREAD);
    }

    @Override
    public Object get(Object key) {
        Integer index = shape.index.get(key);
        if (index != null) {
            Object value = field(index);
            return value == ABSENT ? null : value;
        }
        return shape.anyGetter == null ? null : extras().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (entries == null) {
            Map<String, Object> all = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                Object value = field(i);
                if (value != ABSENT) {
                    all.put(shape.fields.get(i).name(), value);
                }
            }
            if (shape.anyGetter != null) {
                extras().forEach(all::putIfAbsent);
            }
            entries = Collections.unmodifiableMap(all).entrySet();
        }
        return entries;
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
}
