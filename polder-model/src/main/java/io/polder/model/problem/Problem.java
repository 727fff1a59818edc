package io.polder.model.problem;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.Position;

/**
 * One thing wrong with an input, located precisely enough for a person to fix it:
 * {@code FILE:LINE:COLUMN: message (at /json/pointer)}.
 *
 * @param file where it was read from, as the user named it ("" when it came from no file)
 * @param position line and column in that file
 * @param pointer the JSON pointer of the value concerned ("" for the whole document)
 */
public record Problem(String file, Position position, String pointer, Severity severity, String message) {
    public Problem {
        requireNonNull(file, "file is null");
        requireNonNull(position, "position is null");
        requireNonNull(pointer, "pointer is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
    }

    public static Problem error(String file, Position position, String pointer, String message) {
        return new Problem(file, position, pointer, Severity.ERROR, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form every tool prints. */
    public String format() {
        String where = file.isEmpty() ? position.toString() : file + ":" + position;
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return where + ": " + prefix + message + (pointer.isEmpty() ? "" : " (at " + pointer + ")");
    }

    @Override
    public String toString() {
        return format();
    }
}
