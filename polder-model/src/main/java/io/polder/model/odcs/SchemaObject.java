package io.polder.model.odcs;

import io.polder.model.bind.Copies;
import java.util.List;

/**
 * An ODCS schema object: a table, view, topic or file ({@code physicalType}) and its properties.
 *
 * @param logicalType always object when given
 * @param dataGranularityDescription the granularity of the data, e.g. "Aggregation by country"
 * @param relationships foreign keys between properties (v3.1), with both ends given
 * @param quality rules on the object as a whole (row count, duplicates over several properties, sql)
 */
public record SchemaObject(String id, String name, String physicalName, String physicalType, LogicalType logicalType,
                           String description, String businessName, String dataGranularityDescription,
                           List<String> tags, List<AuthoritativeDefinition> authoritativeDefinitions,
                           List<CustomProperty> customProperties, List<SchemaProperty> properties,
                           List<Relationship> relationships, List<QualityRule> quality) {
    public SchemaObject {
        tags = Copies.list(tags);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        customProperties = Copies.list(customProperties);
        properties = Copies.list(properties);
        relationships = Copies.list(relationships);
        quality = Copies.list(quality);
    }

    static SchemaObject bind(OdcsFields f) {
        f.require("name");
        f.explainAll(OdcsHints.SCHEMA_OBJECT);
        String id = f.stableId();
        String name = f.string("name");
        String physicalName = f.string("physicalName");
        String physicalType = f.string("physicalType");
        String declaredType = f.string("logicalType");
        LogicalType logicalType = LogicalType.OBJECT.value().equals(declaredType) ? LogicalType.OBJECT : null;
        if (declaredType != null && logicalType == null) {
            f.problems().error(f.node().get("logicalType"), "`logicalType` of a schema object must be object, found '"
                    + declaredType + "'");
        }
        String description = f.string("description");
        String businessName = f.string("businessName");
        String granularity = f.string("dataGranularityDescription");
        List<String> tags = f.strings("tags");
        List<AuthoritativeDefinition> authoritativeDefinitions =
                f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind);
        List<CustomProperty> customProperties = f.objects("customProperties", CustomProperty::bind);
        List<SchemaProperty> properties = f.objects("properties", SchemaProperty::bindProperty);
        List<Relationship> relationships = null;
        if (f.isV31()) {
            relationships = f.objects("relationships", Relationship::bindSchemaLevel);
        } else {
            f.newInV31("relationships");
        }
        List<QualityRule> quality = f.objects("quality", QualityRule::bind);
        f.close();
        return new SchemaObject(id, name, physicalName, physicalType, logicalType, description, businessName,
                granularity, tags, authoritativeDefinitions, customProperties, properties, relationships, quality);
    }
}
