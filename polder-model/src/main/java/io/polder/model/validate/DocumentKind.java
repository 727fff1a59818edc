package io.polder.model.validate;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;

/**
 * What a document is, read from its content ({@code kind}, {@code apiVersion}, DCS's
 * {@code dataContractSpecification}), never guessed from its file name.
 */
public enum DocumentKind {
    CONTRACT("data contract (ODCS)"),
    PRODUCT("data product (ODPS)"),
    DCS_CONTRACT("data contract (DCS 1.2.1, deprecated)"),
    MESH("mesh (mesh.yaml)"),
    DPDS_PRODUCT("data product (DPDS)"),
    UNKNOWN("unknown document");

    private final String label;

    DocumentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static DocumentKind detect(Node root) {
        if (!(root instanceof MapNode map)) {
            return UNKNOWN;
        }
        if (map.has("dataContractSpecification")) {
            return DCS_CONTRACT;
        }
        if (map.has("dataProductDescriptor")) {
            return DPDS_PRODUCT;
        }
        String kind = map.get("kind") instanceof ScalarNode scalar && scalar.isString() ? (String) scalar.value() : null;
        if (kind == null) {
            return UNKNOWN;
        }
        return switch (kind) {
            case "DataContract" -> CONTRACT;
            case "DataProduct" -> PRODUCT;
            case "Mesh" -> MESH;
            default -> UNKNOWN;
        };
    }
}
