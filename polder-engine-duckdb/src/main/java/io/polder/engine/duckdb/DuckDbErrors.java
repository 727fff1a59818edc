package io.polder.engine.duckdb;

import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.exceptions.BuildFailedException;
import io.polder.spi.exceptions.EngineException;
import io.polder.spi.exceptions.ForbiddenSqlException;
import io.polder.spi.exceptions.ResourceLimitException;
import io.polder.spi.exceptions.SourceDataException;
import io.polder.spi.exceptions.StorageException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's errors into the engine's exceptions. DuckDB reports errors as text starting with their
 * class ("Binder Error: ...", "Out of Memory Error: ..."), so the class decides the exception, and the
 * message keeps DuckDB's first paragraph, which names the column, the line or the file.
 */
final class DuckDbErrors {
    private static final Pattern EXCERPT_LINE = Pattern.compile("\n\nLINE (\\d+):");
    private static final Pattern CSV_FILE = Pattern.compile("(?m)^\\s*file = (.+)$");

    private DuckDbErrors() {
    }

    /** The engine exception for {@code error}, raised while doing {@code what} (e.g. "writing table orders"). */
    static EngineException translate(SQLException error, String what) {
        String message = message(error);
        String lower = message.toLowerCase(Locale.ROOT);
        String text = what + ": " + message;
        if (lower.contains("no space left on device") || lower.contains("\"errno\":\"28\"")) {
            return new StorageException("no space left on device while " + what + " (" + message + ")", error);
        }
        if (lower.startsWith("out of memory error") || lower.contains("max_temp_directory_size")) {
            return new ResourceLimitException(text + " (raise the engine's memory-limit or temp-directory-limit,"
                    + " or make the query lighter)", error);
        }
        if (lower.startsWith("permission error") || lower.contains("disabled by configuration")) {
            return new ForbiddenSqlException(text + " (a build reads its inputs and declared sources only)", error);
        }
        if (lower.contains("csv error") || lower.contains("sniff") || lower.contains("magic bytes")
                || lower.contains("malformed json") || lower.contains("json error")) {
            return new SourceDataException(text, error);
        }
        if (lower.startsWith("io error")) {
            return new StorageException(text, error);
        }
        if (lower.startsWith("binder error") || lower.startsWith("catalog error") || lower.startsWith("parser error")
                || lower.startsWith("conversion error") || lower.startsWith("invalid input error")
                || lower.startsWith("constraint error") || lower.startsWith("out of range error")
                || lower.startsWith("not implemented error")) {
            return new BuildDefinitionException(text, error);
        }
        return new BuildFailedException(text, error);
    }

    /**
     * The engine exception for {@code error}, raised by a statement whose text is {@code file}'s SQL after a prefix
     * without line breaks: where DuckDB points at a line of the statement, the message names that line of the file.
     */
    static EngineException translateInFile(SQLException error, String file) {
        Matcher line = EXCERPT_LINE.matcher(String.valueOf(error.getMessage()));
        return translate(error, line.find() ? file + ":" + line.group(1) : file);
    }

    /**
     * DuckDB's message without the trailing query excerpt (LINE 1: ... with a caret), and, for a CSV error, without
     * DuckDB's list of reader options to try (most are not settings of a source) but with the file it was reading.
     */
    static String message(SQLException error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage().strip();
        int excerpt = message.indexOf("\n\nLINE ");
        message = excerpt > 0 ? message.substring(0, excerpt).strip() : message;
        int fixes = message.indexOf("\nPossible fixes:");
        if (fixes > 0) {
            Matcher file = CSV_FILE.matcher(message);
            message = message.substring(0, fixes).strip() + (file.find() ? "\n(in file " + file.group(1).strip() + ")" : "");
        }
        return message;
    }
}
