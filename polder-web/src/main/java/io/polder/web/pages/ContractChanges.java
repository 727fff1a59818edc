package io.polder.web.pages;

import static io.polder.web.Lists.orEmpty;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed in a contract's schema between two of its versions, in words a consumer reads for what breaks
 * their queries: tables and columns added and removed, a column's type, whether it is required, and its
 * classification (which decides whether it is masked).
 */
final class ContractChanges {
    private ContractChanges() {
    }

    /** The changes from {@code before} to {@code after}, each prefixed with {@code where} (a port). */
    static List<String> between(String where, DataContract before, DataContract after) {
        Map<String, SchemaObject> oldTables = tables(before);
        Map<String, SchemaObject> newTables = tables(after);
        List<String> lines = new ArrayList<>();
        newTables.forEach((name, table) -> {
            SchemaObject old = oldTables.get(name);
            if (old == null) {
                lines.add(where + ": added table " + name);
            } else {
                columns(where + ": " + name + ".", old, table, lines);
            }
        });
        oldTables.keySet().stream().filter(name -> !newTables.containsKey(name))
                .forEach(name -> lines.add(where + ": removed table " + name));
        return lines;
    }

    private static void columns(String prefix, SchemaObject before, SchemaObject after, List<String> lines) {
        Map<String, SchemaProperty> oldColumns = columns(before);
        Map<String, SchemaProperty> newColumns = columns(after);
        newColumns.forEach((name, column) -> {
            SchemaProperty old = oldColumns.get(name);
            if (old == null) {
                lines.add(prefix + name + " added (" + type(column) + ")");
                return;
            }
            if (!type(old).equals(type(column))) {
                lines.add(prefix + name + " type " + type(old) + " → " + type(column));
            }
            boolean wasRequired = Boolean.TRUE.equals(old.required());
            boolean required = Boolean.TRUE.equals(column.required());
            if (wasRequired != required) {
                lines.add(prefix + name + (required ? " now required" : " no longer required"));
            }
            if (!Objects.equals(old.classification(), column.classification())) {
                lines.add(prefix + name + " classification " + Objects.toString(old.classification(), "none") + " → "
                        + Objects.toString(column.classification(), "none"));
            }
        });
        oldColumns.keySet().stream().filter(name -> !newColumns.containsKey(name))
                .forEach(name -> lines.add(prefix + name + " removed"));
    }

    private static Map<String, SchemaObject> tables(DataContract contract) {
        Map<String, SchemaObject> tables = new LinkedHashMap<>();
        for (SchemaObject table : orEmpty(contract.schema())) {
            if (table.name() != null) {
                tables.put(table.name(), table);
            }
        }
        return tables;
    }

    private static Map<String, SchemaProperty> columns(SchemaObject table) {
        Map<String, SchemaProperty> columns = new LinkedHashMap<>();
        for (SchemaProperty column : orEmpty(table.properties())) {
            if (column.name() != null) {
                columns.put(column.name(), column);
            }
        }
        return columns;
    }

    private static String type(SchemaProperty column) {
        String logical = column.logicalType() == null ? null : column.logicalType().value();
        String physical = column.physicalType();
        return logical == null ? Objects.toString(physical, "no type")
                : physical == null ? logical : logical + " " + physical;
    }
}
