package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odps.OutputPort;
import io.polder.spi.PortRef;
import java.util.List;

/** An output port with the contract that backs it: what the engine provisions, writes and checks. */
public record OutputPortDefinition(PortRef ref, OutputPort port, DataContract contract) {
    public OutputPortDefinition {
        requireNonNull(ref, "ref is null");
        requireNonNull(port, "port is null");
        requireNonNull(contract, "contract is null");
    }

    /** The contract's schema objects: the tables of the port. */
    public List<SchemaObject> tables() {
        return contract.schema() == null ? List.of() : contract.schema();
    }

    /** The name a schema object's table has in storage and in SQL: its physicalName, else its name. */
    public static String tableName(SchemaObject object) {
        return object.physicalName() != null ? object.physicalName() : object.name();
    }
}
