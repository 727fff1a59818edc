package io.polder.governance;

/**
 * The names of the CEL variables a policy sees. {@link PolicyTarget#variables()} says which exist for a
 * target; the module README documents their fields.
 */
public final class Variables {
    /** The ODPS product, its fields named as the standard names them. */
    public static final String PRODUCT = "product";
    /** The output port: the target for output-port; for contract and below, the port backed by the contract. */
    public static final String PORT = "port";
    /** The ODCS contract: the target for contract; for output-port, the port's contract. */
    public static final String CONTRACT = "contract";
    /** The ODCS schema object (table, view, topic, file). */
    public static final String OBJECT = "object";
    /** The ODCS property (column, field, array items). */
    public static final String PROPERTY = "property";
    /** The product's domain: id, name, description, owners from mesh.yaml. */
    public static final String DOMAIN = "domain";
    /** What the registry knows about the product: consumers, latest checks, dependencies, breaking changes. */
    public static final String FACTS = "facts";
    /** The moment of evaluation, a CEL timestamp. */
    public static final String NOW = "now";

    private Variables() {
    }
}
