package io.polder.model.dcs;

import io.polder.model.bind.Fields;
import io.polder.model.source.ListNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The schema's models, their fields (nested to any depth through {@code fields}, {@code items}, {@code keys}
 * and {@code values}) and the reusable definitions, which share most of a field's rules.
 */
final class DcsModels {
    /** The keys of a field's {@code config} the schema types (all strings); any other key may hold anything. */
    private static final String[] FIELD_CONFIG = {"avroType", "avroLogicalType", "bigqueryType", "snowflakeType",
        "redshiftType", "sqlserverType", "databricksType", "glueType"};

    private DcsModels() {
    }

    static void model(DcsFields model) {
        model.strings("description", "title");
        model.choice("type", DcsModelType.class);
        model.named("fields", DcsFields.Names.FIELDS, (name, field) -> field(field));
        model.stringList("primaryKey");
        model.objects("quality", "quality check", DcsQuality::check);
        model.list("examples");
        model.bool("additionalFields");
        model.object("config", config -> config.strings("avroNamespace"));
        model.warnNearMisses();
    }

    static void field(DcsFields field) {
        shared(field);
        field.bool("required", "primary", "primaryKey", "unique");
        field.string("references");
        uniqueStrings(field, "enum");
        field.number("precision", "scale");
        field.string("$ref");
        field.objects("quality", "quality check", DcsQuality::check);
        field.object("lineage", DcsLineage::check);
        field.object("config", config -> config.strings(FIELD_CONFIG));
        field.warnNearMisses();
    }

    static void definition(DcsFields definition) {
        definition.require("type");
        definition.strings("domain", "name");
        shared(definition);
        // unlike a field's, a definition's precision and scale are integers
        definition.integer("precision", "scale");
        definition.warnNearMisses();
    }

    /** The rules fields and definitions have in common. */
    private static void shared(DcsFields field) {
        field.strings("title", "description", "format", "pattern", "example", "classification");
        fieldType(field);
        field.named("fields", DcsFields.Names.FIELDS, (name, nested) -> field(nested));
        for (String key : new String[] {"items", "keys", "values"}) {
            field.object(key, DcsModels::field);
        }
        field.integer("minLength", "maxLength");
        field.number("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum");
        field.list("examples");
        field.bool("pii");
        field.stringList("tags");
        field.links("links");
    }

    /** The field type, with a hint for the physical types DCS does not list ("tinyint", "array<string>"). */
    private static void fieldType(DcsFields field) {
        String type = field.string("type");
        if (type != null && Fields.lookup(DcsFieldType.class, type) == null) {
            field.problems().error(field.peek("type"), DcsTypeHints.message(type));
        }
    }

    /** A list of strings that must all differ (the schema's {@code uniqueItems}). */
    private static void uniqueStrings(DcsFields field, String key) {
        if (field.stringList(key) == null || !(field.peek(key) instanceof ListNode list)) {
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (Node item : list.items()) {
            if (item instanceof ScalarNode scalar && scalar.isString() && !seen.add(scalar.value())) {
                field.problems().error(item, "`" + key + "` lists '" + scalar.value() + "' twice; its values must differ");
            }
        }
    }
}
