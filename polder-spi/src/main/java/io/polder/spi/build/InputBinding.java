package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.spi.PortRef;

/**
 * Where an input port reads from: the output port of another product whose contract it names. The engine
 * reads that port's published snapshot, never a candidate and never the other product's internals. Build
 * SQL names its tables {@code "PORT".TABLE} (or just {@code TABLE} when the name is not ambiguous).
 *
 * @param inputPort the input port's name in the consuming product
 */
public record InputBinding(String inputPort, PortRef upstream) {
    public InputBinding {
        requireNonNull(inputPort, "inputPort is null");
        requireNonNull(upstream, "upstream is null");
    }
}
