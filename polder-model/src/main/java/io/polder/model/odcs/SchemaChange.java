package io.polder.model.odcs;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One difference between two versions of a contract's schema, and whether it breaks the consumers of the data:
 * a table or column that is gone, a column whose type changed, or a column that may now be null breaks queries
 * written against the old version; a table or column added, a column that is now required, or a new
 * classification does not change what an existing query reads.
 *
 * @param kind what changed
 * @param table the table (schema object) by name
 * @param column the column (property) by name, or null for a table
 * @param before the old value (a type, a classification), or null
 * @param after the new value, or null
 */
public record SchemaChange(Kind kind, String table, String column, String before, String after) {
    public SchemaChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(table, "table is null");
    }

    /** The kinds of change, each breaking or not. */
    public enum Kind {
        TABLE_ADDED(false), TABLE_REMOVED(true), COLUMN_ADDED(false), COLUMN_REMOVED(true), TYPE_CHANGED(true),
        NOW_REQUIRED(false), NO_LONGER_REQUIRED(true), CLASSIFICATION_CHANGED(false);

        private final boolean breaking;

        Kind(boolean breaking) {
            this.breaking = breaking;
        }
    }

    public boolean breaking() {
        return kind.breaking;
    }

    /** The change in words, such as {@code orders.amount type number → integer}. */
    public String describe() {
        String where = column == null ? table : table + "." + column;
        return switch (kind) {
            case TABLE_ADDED -> "added table " + table;
            case TABLE_REMOVED -> "removed table " + table;
            case COLUMN_ADDED -> where + " added (" + after + ")";
            case COLUMN_REMOVED -> where + " removed";
            case TYPE_CHANGED -> where + " type " + before + " → " + after;
            case NOW_REQUIRED -> where + " now required";
            case NO_LONGER_REQUIRED -> where + " no longer required";
            case CLASSIFICATION_CHANGED -> where + " classification " + before + " → " + after;
        };
    }

    /** The changes from {@code before} to {@code after}, table by table and column by column, in their order. */
    public static List<SchemaChange> between(DataContract before, DataContract after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        Map<String, SchemaObject> oldTables = byName(before.schema(), SchemaObject::name);
        Map<String, SchemaObject> newTables = byName(after.schema(), SchemaObject::name);
        List<SchemaChange> changes = new ArrayList<>();
        newTables.forEach((name, table) -> {
            SchemaObject old = oldTables.get(name);
            if (old == null) {
                changes.add(new SchemaChange(Kind.TABLE_ADDED, name, null, null, null));
            } else {
                columns(name, old, table, changes);
            }
        });
        oldTables.keySet().stream().filter(name -> !newTables.containsKey(name))
                .forEach(name -> changes.add(new SchemaChange(Kind.TABLE_REMOVED, name, null, null, null)));
        return changes;
    }

    private static void columns(String table, SchemaObject before, SchemaObject after, List<SchemaChange> changes) {
        Map<String, SchemaProperty> oldColumns = byName(before.properties(), SchemaProperty::name);
        Map<String, SchemaProperty> newColumns = byName(after.properties(), SchemaProperty::name);
        newColumns.forEach((name, column) -> {
            SchemaProperty old = oldColumns.get(name);
            if (old == null) {
                changes.add(new SchemaChange(Kind.COLUMN_ADDED, table, name, null, type(column)));
                return;
            }
            if (!type(old).equals(type(column))) {
                changes.add(new SchemaChange(Kind.TYPE_CHANGED, table, name, type(old), type(column)));
            }
            boolean wasRequired = Boolean.TRUE.equals(old.required());
            boolean required = Boolean.TRUE.equals(column.required());
            if (wasRequired != required) {
                changes.add(new SchemaChange(required ? Kind.NOW_REQUIRED : Kind.NO_LONGER_REQUIRED, table, name, null, null));
            }
            if (!Objects.equals(old.classification(), column.classification())) {
                changes.add(new SchemaChange(Kind.CLASSIFICATION_CHANGED, table, name,
                        Objects.toString(old.classification(), "none"), Objects.toString(column.classification(), "none")));
            }
        });
        oldColumns.keySet().stream().filter(name -> !newColumns.containsKey(name))
                .forEach(name -> changes.add(new SchemaChange(Kind.COLUMN_REMOVED, table, name, null, null)));
    }

    private static <T> Map<String, T> byName(List<T> items, java.util.function.Function<T, String> name) {
        Map<String, T> named = new LinkedHashMap<>();
        for (T item : items == null ? List.<T>of() : items) {
            if (name.apply(item) != null) {
                named.putIfAbsent(name.apply(item), item);
            }
        }
        return named;
    }

    /** The logical type with the physical one, as the contract gives them (physical types compare as written). */
    private static String type(SchemaProperty column) {
        String logical = column.logicalType() == null ? null : column.logicalType().value();
        String physical = column.physicalType();
        return logical == null ? Objects.toString(physical, "no type")
                : physical == null ? logical : logical + " " + physical;
    }
}
