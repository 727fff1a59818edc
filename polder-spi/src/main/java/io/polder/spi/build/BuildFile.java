package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.spi.exceptions.BuildDefinitionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One {@code build/NAME.sql} file: a single SELECT whose result is the relation {@code NAME}. When a table
 * of an output port's contract is called {@code NAME}, the result is that table; otherwise it is a
 * relation private to the build, which later files may read.
 *
 * @param displayPath the file as the user knows it, for messages
 */
public record BuildFile(String name, String sql, String displayPath) {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

    public BuildFile {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(displayPath, "displayPath is null");
        if (!NAME.matcher(name).matches()) {
            throw new BuildDefinitionException(displayPath + ": a build file is named after the relation it makes,"
                    + " a SQL name ([A-Za-z_][A-Za-z0-9_]*), found '" + name + "'");
        }
    }

    /** Reads {@code file}; its name without {@code .sql} names the relation. */
    public static BuildFile read(Path file, String displayPath) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
        try {
            return new BuildFile(name, Files.readString(file, StandardCharsets.UTF_8), displayPath);
        } catch (IOException e) {
            throw new BuildDefinitionException(displayPath + ": cannot read: " + e.getMessage(), e);
        }
    }
}
