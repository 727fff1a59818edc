package io.polder.engine.duckdb;

import io.polder.spi.ColumnInfo;
import io.polder.spi.exceptions.SourceDataException;
import io.polder.spi.settings.CsvOptions;
import io.polder.spi.settings.FileSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A CSV row with a field too many or too few (an unquoted comma in a value, a truncated line) makes DuckDB's
 * sniffer misread the file: it sees no header and guesses other columns ({@code column0, column1, ...}), skips the
 * lines before the uneven one, guesses another delimiter and makes the header line one column, or finds no dialect
 * at all; the build then fails on a column it cannot find, or reads the wrong rows. When DuckDB misreads the header
 * or cannot sniff the file, the lines it sniffed are read again without guessing, with as many columns as the
 * header has: DuckDB then stops at the uneven row and names its line.
 *
 * <p>Only the sniffer's sample is read again: the sniffer reads the first {@link SourceFiles#SNIFF_SAMPLE_ROWS}
 * rows of the first file, so only a row among them can mislead it; a row further on fails the build's own read of
 * the source, which DuckDB names by its line and file as well. A file DuckDB finds no header in (a headerless file
 * that polder.yaml does not declare so, or a header of numbers) is thus read once, by the build.
 */
final class UnevenCsvRows {
    /** The names DuckDB gives the columns of a CSV file in which it finds no header. */
    private static final Pattern GUESSED_NAME = Pattern.compile("column\\d+");

    private UnevenCsvRows() {
    }

    /**
     * Whether DuckDB misread the header of a CSV source (one polder.yaml does not declare headerless): it found
     * none, or took the whole header line for one column's name, as when it guesses another delimiter.
     */
    static boolean headerMisread(FileSource source, List<String> columnNames) {
        boolean headerless = source.csv() != null && Boolean.FALSE.equals(source.csv().header());
        if (headerless || columnNames.isEmpty()) {
            return false;
        }
        return columnNames.stream().allMatch(name -> GUESSED_NAME.matcher(name).matches())
                || columnNames.size() == 1 && columnNames.getFirst().contains(delimiter(source.csv()));
    }

    /**
     * The columns DuckDB makes out in a CSV source's files, guessing what polder.yaml leaves open from the sniffer's
     * sample only. Where DuckDB misreads the header or cannot sniff the files, a row with another
     * number of fields than the header (or the declared {@code columns}) among the sampled lines fails first, naming
     * its line and file.
     */
    static List<ColumnInfo> sniff(DuckDbSession session, FileSource source, List<Path> files, List<String> columns,
                                  String what) {
        List<ColumnInfo> found;
        try {
            found = session.describe("(SELECT * FROM " + SourceFiles.reader(source, files, false) + ")", what);
        } catch (SourceDataException cannotSniff) {
            requireEvenSample(session, source, files, columns);
            throw cannotSniff;
        }
        if (headerMisread(source, found.stream().map(ColumnInfo::name).toList())) {
            requireEvenSample(session, source, files, columns);
        }
        return found;
    }

    /**
     * Reads the sniffer's sample with {@code columns} (the declared ones, or as many as the first file's first line
     * has fields), each as text; a row with another number of fields fails the read, naming its line and file.
     * The sample is the first rows in the files' order (DuckDB keeps the insertion order unless told otherwise), so
     * the limit stops the read after them.
     */
    private static void requireEvenSample(DuckDbSession session, FileSource source, List<Path> files,
                                          List<String> columns) {
        List<String> names = columns.isEmpty() ? headerFields(source, files.getFirst()) : columns;
        session.execute("SELECT count(*) FROM (SELECT * FROM " + strictReader(source, files, names) + " LIMIT "
                + SourceFiles.SNIFF_SAMPLE_ROWS + ")", "source " + source.name());
    }

    /** Placeholders for the fields of the first line, split on the delimiter (a header rarely quotes one). */
    private static List<String> headerFields(FileSource source, Path file) {
        String delimiter = delimiter(source.csv());
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            int fields = header == null ? 0 : header.split(Pattern.quote(delimiter), -1).length;
            return IntStream.range(0, fields).mapToObj(index -> "field" + index).toList();
        } catch (IOException e) {
            throw new SourceDataException("source " + source.name() + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String strictReader(FileSource source, List<Path> files, List<String> columns) {
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        CsvOptions csv = source.csv();
        List<String> options = new ArrayList<>(List.of("auto_detect = false", "header = true"));
        SourceFiles.add(options, "delim", delimiter(csv));
        SourceFiles.add(options, "quote", csv == null || csv.quote() == null ? "\"" : csv.quote());
        SourceFiles.add(options, "escape", csv == null || csv.escape() == null ? "\"" : csv.escape());
        options.add("columns = " + columns.stream().map(column -> Sql.literal(column) + ": 'VARCHAR'")
                .collect(Collectors.joining(", ", "{", "}")));
        return "read_csv(" + list + ", " + String.join(", ", options) + ")";
    }

    private static String delimiter(CsvOptions csv) {
        return csv == null || csv.delimiter() == null ? "," : csv.delimiter();
    }
}
