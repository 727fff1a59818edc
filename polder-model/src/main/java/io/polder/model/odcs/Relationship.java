package io.polder.model.odcs;

import io.polder.model.bind.Copies;
import java.util.List;

/**
 * An ODCS v3.1 relationship, a foreign key from one property (or several, for composite keys) to another.
 * At schema-object level both ends are given; at property level {@code from} is the property itself and
 * must not be written (it is null here).
 *
 * @param type always foreignKey when given (the default when absent)
 */
public record Relationship(RelationshipType type, PropertyReference from, PropertyReference to,
                           List<CustomProperty> customProperties) {
    public Relationship {
        customProperties = Copies.list(customProperties);
    }

    static Relationship bindSchemaLevel(OdcsFields f) {
        f.require("from", "to");
        RelationshipType type = f.choice("type", RelationshipType.class);
        PropertyReference from = PropertyReference.bind(f, "from");
        PropertyReference to = PropertyReference.bind(f, "to");
        if (from != null && to != null && from.composite() != to.composite()) {
            f.problems().error(f.node().get("to"), "`from` and `to` must both be single references or both be lists"
                    + " (a composite key lists its properties on both sides)");
        }
        Relationship relationship = new Relationship(type, from, to, f.objects("customProperties", CustomProperty::bind));
        f.close();
        return relationship;
    }

    static Relationship bindPropertyLevel(OdcsFields f) {
        f.require("to");
        RelationshipType type = f.choice("type", RelationshipType.class);
        f.explain("from", "at property level `from` is implicit (it is the property itself); "
                + "write relationships with both ends on the schema object");
        PropertyReference to = PropertyReference.bind(f, "to");
        Relationship relationship = new Relationship(type, null, to, f.objects("customProperties", CustomProperty::bind));
        f.close();
        return relationship;
    }
}
