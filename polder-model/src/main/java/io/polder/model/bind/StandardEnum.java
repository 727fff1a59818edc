package io.polder.model.bind;

/**
 * An enumeration whose values are spelled by a standard ("DataContract", "table", "sqlserver", ...).
 * {@link Fields#choice} binds them and lists the allowed spellings in its error.
 */
public interface StandardEnum {
    /** The spelling the standard uses. */
    String value();
}
