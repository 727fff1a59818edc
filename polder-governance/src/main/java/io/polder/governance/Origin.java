package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.Position;

/**
 * Where a policy, an exemption or a test was declared, so that every message about it can send the reader
 * to the line.
 *
 * @param file the file as the user named it ("" when it came from no file, e.g. built in code)
 */
public record Origin(String file, Position position) {
    public static final Origin NONE = new Origin("", Position.START);

    public Origin {
        requireNonNull(file, "file is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public String toString() {
        return file.isEmpty() ? position.toString() : file + ":" + position;
    }
}
