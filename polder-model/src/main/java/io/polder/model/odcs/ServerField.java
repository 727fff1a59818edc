package io.polder.model.odcs;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A type-specific field of a server, as one version of the ODCS schema declares it.
 *
 * @param pattern a regular expression the value must contain a match of, or null
 * @param allowedValues the only values allowed (v3.0 enumerated some file formats), or empty
 */
public record ServerField(String name, JsonType type, boolean required, String pattern, List<String> allowedValues) {
    public ServerField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        allowedValues = List.copyOf(allowedValues);
    }
}
