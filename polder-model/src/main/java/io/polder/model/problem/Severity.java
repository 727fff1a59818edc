package io.polder.model.problem;

/** How much a problem matters: only errors make a document invalid. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
