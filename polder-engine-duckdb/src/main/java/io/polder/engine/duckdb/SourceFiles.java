package io.polder.engine.duckdb;

import io.polder.spi.exceptions.SourceDataException;
import io.polder.spi.exceptions.SourceUnavailableException;
import io.polder.spi.settings.CsvOptions;
import io.polder.spi.settings.FileSource;
import io.polder.spi.settings.SourceColumn;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * File sources: which files a source's path (or glob) names, and the DuckDB reader over them. A source
 * that names no file, or an empty file, is an error before any SQL runs.
 */
final class SourceFiles {
    /**
     * The rows DuckDB's CSV sniffer reads from the start of the first file to guess the dialect, the header and the
     * types (DuckDB's default, set explicitly since {@link UnevenCsvRows} reads the same rows again).
     */
    static final int SNIFF_SAMPLE_ROWS = 20_480;

    private SourceFiles() {
    }

    /** The files of {@code source}, sorted; relative paths resolve against {@code sourceDirectory}. */
    static List<Path> resolve(FileSource source, Path sourceDirectory) {
        Path pattern = sourceDirectory.resolve(source.path()).toAbsolutePath().normalize();
        List<Path> files = isGlob(source.path()) ? glob(pattern) : Files.isRegularFile(pattern) ? List.of(pattern) : List.of();
        if (files.isEmpty()) {
            throw new SourceUnavailableException("source " + source.name() + ": " + (isGlob(source.path())
                    ? "no file matches " + pattern : "file " + pattern + " does not exist") + "; put the data there or"
                    + " correct the source's path in polder.yaml (a relative path is under " + sourceDirectory + ")");
        }
        for (Path file : files) {
            if (size(file) == 0) {
                throw new SourceDataException("source " + source.name() + ": file " + file + " is empty; a source"
                        + " file holds rows (a CSV file at least its header)");
            }
        }
        return files;
    }

    private static boolean isGlob(String path) {
        return path.contains("*") || path.contains("?") || path.contains("[") || path.contains("{");
    }

    private static List<Path> glob(Path pattern) {
        Path base = pattern.getRoot();
        for (Path part : pattern) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot list " + base + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The DuckDB table function reading the files, with the declared CSV options and, for CSV, the declared columns. */
    static String reader(FileSource source, List<Path> files, boolean withDeclaredColumns) {
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        return switch (source.format()) {
            case PARQUET -> "read_parquet(" + list + ")";
            case JSON -> "read_json(" + list + ")";
            case CSV -> "read_csv(" + list + csvOptions(source, withDeclaredColumns) + ")";
            case JDBC -> throw new IllegalArgumentException("not a file source: " + source.name());
        };
    }

    private static String csvOptions(FileSource source, boolean withDeclaredColumns) {
        List<String> options = new ArrayList<>();
        CsvOptions csv = source.csv();
        boolean declared = withDeclaredColumns && !source.columns().isEmpty();
        if (csv != null) {
            add(options, "delim", csv.delimiter());
            add(options, "quote", csv.quote());
            add(options, "escape", csv.escape());
            add(options, "nullstr", csv.nullString());
            add(options, "dateformat", csv.dateFormat());
            add(options, "timestampformat", csv.timestampFormat());
        }
        options.add("sample_size = " + SNIFF_SAMPLE_ROWS);
        if (csv != null && csv.header() != null) {
            options.add("header = " + csv.header());
        } else if (declared) {
            options.add("header = true");
        }
        if (declared) {
            options.add("columns = " + source.columns().stream()
                    .map(column -> Sql.literal(column.name()) + ": " + Sql.literal(column.type()))
                    .collect(Collectors.joining(", ", "{", "}")));
        }
        return options.isEmpty() ? "" : ", " + String.join(", ", options);
    }

    static void add(List<String> options, String name, String value) {
        if (value != null) {
            options.add(name + " = " + Sql.literal(value));
        }
    }

    /** The declared columns' names, for messages. */
    static String names(List<SourceColumn> columns) {
        return columns.stream().map(SourceColumn::name).collect(Collectors.joining(", "));
    }
}
