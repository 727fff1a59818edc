package io.polder.engine.duckdb;

import io.polder.spi.settings.SourceDefinition;
import java.nio.file.Path;
import java.util.List;

/** A declared source with the files it reads (none for a JDBC source). */
record ResolvedSource(SourceDefinition definition, List<Path> files) {
    ResolvedSource {
        files = List.copyOf(files);
    }

    String name() {
        return definition.name();
    }

    /** What the source reads, for messages: {@code csv sales/orders.csv}, or the JDBC URL without its parameters. */
    String description() {
        return switch (definition) {
            case io.polder.spi.settings.FileSource file -> file.format().value() + " " + file.path();
            case io.polder.spi.settings.JdbcSource jdbc -> "jdbc " + JdbcSourceLoader.redact(jdbc.url());
        };
    }
}
