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
}
