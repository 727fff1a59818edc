package io.polder.spi.settings;

import java.util.List;

/**
 * A source a product's build reads, declared in {@code polder.yaml}. Build SQL names it as
 * {@code source.NAME} (or just {@code NAME} when no input table has that name).
 */
public sealed interface SourceDefinition permits FileSource, JdbcSource {
    String name();

    String description();

    SourceFormat format();

    /** The columns the source must have, in order; empty when not declared (then they are detected). */
    List<SourceColumn> columns();
}
