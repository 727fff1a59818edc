package io.polder.model.source;

/** The syntax a document was written in. */
public enum SourceFormat {
    YAML, JSON;

    /** JSON for *.json files, YAML otherwise (YAML is also what a JSON document parses as). */
    public static SourceFormat ofFileName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }
}
