package io.polder.model.odcs;

import io.polder.model.bind.Copies;
import io.polder.model.source.ListNode;
import io.polder.model.source.Node;
import java.util.List;

/**
 * An ODCS schema property: a column, a field, or (as {@code items}) the element of an array. Properties
 * nest: an object property has {@code properties}, an array property has {@code items}.
 *
 * @param logicalTypeOptions typed by {@code logicalType}
 * @param required whether the element must not be null (default false)
 * @param primaryKeyPosition position in a composite primary key, from 1 (default -1)
 * @param partitionKeyPosition position among the partition keys, from 1 (default -1)
 * @param examples sample values, of any JSON type
 * @param relationships foreign keys from this property (v3.1), with {@code from} implicit
 * @param properties the nested properties of an object (allowed when logicalType is object or absent)
 * @param items the element of an array (allowed when logicalType is array or absent); it has no name
 */
public record SchemaProperty(String id, String name, String physicalName, String physicalType,
                             LogicalType logicalType, LogicalTypeOptions logicalTypeOptions, String description,
                             String businessName, Boolean primaryKey, Long primaryKeyPosition, Boolean required,
                             Boolean unique, Boolean partitioned, Long partitionKeyPosition, String classification,
                             String encryptedName, Boolean criticalDataElement, List<String> transformSourceObjects,
                             String transformLogic, String transformDescription, List<Object> examples,
                             List<String> tags, List<AuthoritativeDefinition> authoritativeDefinitions,
                             List<CustomProperty> customProperties, List<Relationship> relationships,
                             List<QualityRule> quality, List<SchemaProperty> properties, SchemaProperty items) {
    public SchemaProperty {
        transformSourceObjects = Copies.list(transformSourceObjects);
        examples = PlainValues.copyList(examples);
        tags = Copies.list(tags);
        authoritativeDefinitions = Copies.list(authoritativeDefinitions);
        customProperties = Copies.list(customProperties);
        relationships = Copies.list(relationships);
        quality = Copies.list(quality);
        properties = Copies.list(properties);
    }

    static SchemaProperty bindProperty(OdcsFields f) {
        f.require("name");
        return bind(f, true);
    }

    static SchemaProperty bindItems(OdcsFields f) {
        return bind(f, false);
    }

    private static SchemaProperty bind(OdcsFields f, boolean named) {
        f.explainAll(OdcsHints.PROPERTY);
        String id = f.stableId();
        String name = f.string("name");
        String physicalName = f.string("physicalName");
        String physicalType = f.string("physicalType");
        boolean typeDeclared = f.has("logicalType");
        LogicalType logicalType = f.versionedChoice("logicalType", LogicalType.class, LogicalType::introducedIn);
        LogicalTypeOptions options = LogicalTypeOptionsReader.read(f, logicalType, typeDeclared);
        String description = f.string("description");
        String businessName = f.string("businessName");
        Boolean primaryKey = f.bool("primaryKey");
        Long primaryKeyPosition = f.integer("primaryKeyPosition");
        Boolean required = f.bool("required");
        Boolean unique = f.bool("unique");
        Boolean partitioned = f.bool("partitioned");
        Long partitionKeyPosition = f.integer("partitionKeyPosition");
        String classification = f.string("classification");
        String encryptedName = f.string("encryptedName");
        Boolean criticalDataElement = f.bool("criticalDataElement");
        List<String> transformSourceObjects = f.strings("transformSourceObjects");
        String transformLogic = f.string("transformLogic");
        String transformDescription = f.string("transformDescription");
        List<Object> examples = examples(f);
        List<String> tags = f.strings("tags");
        List<AuthoritativeDefinition> authoritativeDefinitions =
                f.objects("authoritativeDefinitions", AuthoritativeDefinition::bind);
        List<CustomProperty> customProperties = f.objects("customProperties", CustomProperty::bind);
        List<Relationship> relationships = null;
        if (f.isV31()) {
            relationships = f.objects("relationships", Relationship::bindPropertyLevel);
        } else {
            f.newInV31("relationships");
        }
        List<QualityRule> quality = f.objects("quality", QualityRule::bind);
        Nesting nesting = Nesting.of(f, logicalType, typeDeclared, named);
        List<SchemaProperty> properties = nesting.properties() ? f.objects("properties", SchemaProperty::bindProperty) : null;
        SchemaProperty items = nesting.items() ? f.object("items", SchemaProperty::bindItems) : null;
        f.close();
        return new SchemaProperty(id, name, physicalName, physicalType, logicalType, options, description,
                businessName, primaryKey, primaryKeyPosition, required, unique, partitioned, partitionKeyPosition,
                classification, encryptedName, criticalDataElement, transformSourceObjects, transformLogic,
                transformDescription, examples, tags, authoritativeDefinitions, customProperties, relationships,
                quality, properties, items);
    }

    /**
     * Whether {@code properties} and {@code items} may appear. The schema allows them through its object and
     * array branches, which also apply when logicalType is absent (their conditions do not require it). In
     * v3.0 an array's items may have properties whatever their type (v3.1 closed that). For an unknown
     * logical type both are bound anyway: the type is already reported, and more errors would be noise.
     */
    private record Nesting(boolean properties, boolean items) {
        static Nesting of(OdcsFields f, LogicalType type, boolean typeDeclared, boolean named) {
            boolean any = !typeDeclared || type == null;
            boolean properties = any || type == LogicalType.OBJECT || (!named && !f.isV31());
            boolean items = any || type == LogicalType.ARRAY;
            if (!properties) {
                f.explain("properties", "nested `properties` need logicalType: object, and this property is "
                        + type.value());
            }
            if (!items) {
                f.explain("items", "`items` describe the elements of an array and need logicalType: array, "
                        + "and this property is " + type.value());
            }
            return new Nesting(properties, items);
        }
    }

    private static List<Object> examples(OdcsFields f) {
        Node node = f.raw("examples");
        if (node == null) {
            return null;
        }
        if (node instanceof ListNode list) {
            return list.toPlain();
        }
        f.problems().error(node, "`examples` must be a list, found " + node.kindName());
        return null;
    }
}
