package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.spi.build.OutputPortDefinition;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An output port of a product's current version, with what access decisions need: who owns it (domain and
 * team) and the contract it publishes.
 *
 * @param version the port's own version
 * @param contract the contract version the port names (or the contract's current version), or null when
 *                 the port names none
 * @param productCreatedAt when the product was first applied (the implicit owner access dates from then)
 */
public record OutputPort(String product, String domain, String team, String productVersion, String port,
                         String version, String contractId, DataContract contract, Instant productCreatedAt) {
    public OutputPort {
        requireNonNull(product, "product is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(port, "port is null");
        requireNonNull(version, "version is null");
    }

    /** {@code PRODUCT/PORT}, the address access is requested with. */
    public String address() {
        return product + "/" + port;
    }

    /** The tables (schema objects) of the port's contract, in order. */
    public List<SchemaObject> tables() {
        return contract == null ? List.of() : contract.schema();
    }

    /** The name a table has in storage and in SQL: its physicalName, else its name. */
    public static String tableName(SchemaObject table) {
        return OutputPortDefinition.tableName(table);
    }

    /** The columns of {@code table} as SQL names them (physicalName, else name), in order. */
    public static List<String> columnsOf(SchemaObject table) {
        return table.properties().stream()
                .map(property -> property.physicalName() != null ? property.physicalName() : property.name())
                .filter(java.util.Objects::nonNull).toList();
    }

    /** The columns of every table of the contract, as SQL names them, in order, without repeats. */
    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        for (SchemaObject table : tables()) {
            columns.addAll(columnsOf(table));
        }
        return columns;
    }
}
