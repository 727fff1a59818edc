package io.polder.governance;

import static java.util.Objects.requireNonNull;

/**
 * One instance a policy was evaluated on: the product itself, one of its output ports, contracts, schema
 * objects or properties.
 *
 * @param product the product's id
 * @param name the instance as a reader finds it: the product id, {@code port version} for a port, the contract
 *             id, the object's name, {@code object.property} for a property ({@code a.b} for nested ones,
 *             {@code a[]} for array items)
 * @param contractId the contract it lies in, for contract, schema-object and property targets; else null
 * @param file the file holding it, as the user named it; "" when unknown
 * @param pointer its JSON pointer in that file
 */
public record Target(PolicyTarget kind, String product, String name, String contractId, String file, String pointer) {
    public Target {
        requireNonNull(kind, "kind is null");
        requireNonNull(product, "product is null");
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(pointer, "pointer is null");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PRODUCT -> "product " + name;
            case OUTPUT_PORT -> "output port " + name;
            case CONTRACT -> "contract " + name;
            case SCHEMA_OBJECT -> "schema object " + name + " of " + contractId;
            case PROPERTY -> "property " + name + " of " + contractId;
        };
    }
}
