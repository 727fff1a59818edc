package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DCS models as ODCS schema objects: each model becomes an object of logical type {@code object} named
 * after it, its type ({@code table}, {@code view}) the physical type, its fields the properties.
 */
final class DcsModels {
    /** Model config keys that name the physical table, as the Data Contract CLI writes them. */
    private static final List<String> TABLE_KEYS = List.of("postgresTable", "databricksTable", "snowflakeTable",
            "sqlserverTable", "bigqueryTable", "redshiftTable", "oracleTable", "mysqlTable", "trinoTable", "physicalName");

    private final ConversionLog log;
    private final DcsFields fields;
    private final QualityRules quality;

    DcsModels(ConversionLog log, DcsFields fields) {
        this.log = requireNonNull(log, "log is null");
        this.fields = requireNonNull(fields, "fields is null");
        this.quality = new QualityRules(QualityRules.Origin.DATA_CONTRACT_SPECIFICATION, log);
    }

    /** The schema objects, or null when {@code models} is not a map (the caller keeps it as a custom property). */
    List<Map<String, Object>> convert(Node models) {
        if (!(models instanceof MapNode byName)) {
            return null;
        }
        List<Map<String, Object>> schema = new ArrayList<>();
        byName.entries().forEach((name, entry) -> schema.add(model(name, SourceObject.of(entry.value(), log))));
        return schema;
    }

    private Map<String, Object> model(String name, SourceObject model) {
        Map<String, Object> object = Plain.map();
        object.put("name", name);
        Plain.put(object, "physicalName", physicalName(model.node().get("config")));
        object.put("logicalType", "object");
        Plain.put(object, "physicalType", model.text("type"));
        Plain.put(object, "businessName", model.text("title"));
        Plain.put(object, "description", model.text("description"));
        Plain.put(object, "tags", model.texts("tags"));
        Plain.put(object, "properties", properties(model));
        DcsFields.putQuality(model, object, quality);
        Plain.put(object, "authoritativeDefinitions", DcsFields.links(model));
        Plain.addCustomProperties(object, model.leftovers(""));
        return object;
    }

    private List<Map<String, Object>> properties(SourceObject model) {
        List<String> primaryKey = model.texts("primaryKey");
        if (!(model.node().get("fields") instanceof MapNode byName)) {
            return null;
        }
        model.place("fields");
        if (primaryKey != null) {
            checkPrimaryKey(model, byName, primaryKey);
        }
        List<Map<String, Object>> properties = new ArrayList<>();
        byName.entries().forEach((name, entry) -> properties.add(fields.property(name, entry.value(),
                position(primaryKey, name))));
        return properties;
    }

    /** A model-level primary key names its fields in order; each becomes primaryKey with its position. */
    private void checkPrimaryKey(SourceObject model, MapNode byName, List<String> primaryKey) {
        List<String> unknown = primaryKey.stream().filter(name -> !byName.has(name)).toList();
        if (!unknown.isEmpty()) {
            model.leave("primaryKey", "the primary key names no field " + String.join(", ", unknown));
        }
    }

    private static Integer position(List<String> primaryKey, String field) {
        int index = primaryKey == null ? -1 : primaryKey.indexOf(field);
        return index < 0 ? null : index + 1;
    }

    private static String physicalName(Node config) {
        if (!(config instanceof MapNode map)) {
            return null;
        }
        for (String key : TABLE_KEYS) {
            if (map.get(key) instanceof ScalarNode scalar && scalar.value() instanceof String table) {
                return table;
            }
        }
        return null;
    }
}
