package io.polder.registry.catalog;

/**
 * An input or output port of a product version.
 *
 * @param version the port's own version (name and version together are its key)
 * @param contractId the contract an output port publishes or an input port reads
 */
public record Port(String productId, String productVersion, PortDirection direction, String name, String version,
                   String type, String contractId, String description) {
}
