package io.polder.spi.settings;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Copies;
import java.util.List;

/**
 * A CSV, JSON or Parquet file (or files, with a glob such as {@code orders/*.parquet}).
 *
 * @param path absolute, or relative to the engine's source directory
 * @param csv CSV options, for format csv only; null to detect them
 */
public record FileSource(String name, String description, SourceFormat format, String path, CsvOptions csv,
                         List<SourceColumn> columns) implements SourceDefinition {
    public FileSource {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
        requireNonNull(path, "path is null");
        if (format == SourceFormat.JDBC) {
            throw new IllegalArgumentException("a file source is csv, json or parquet");
        }
        columns = columns == null ? List.of() : Copies.list(columns);
    }
}
