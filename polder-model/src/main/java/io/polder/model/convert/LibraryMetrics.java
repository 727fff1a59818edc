package io.polder.model.convert;

import java.util.Map;
import java.util.Set;

/**
 * The library metrics of ODCS v3.1.0 and the rule names that preceded them (ODCS v3.0 {@code rule}, the
 * RFC's {@code no...} spellings), with what a rule without an operator meant.
 */
final class LibraryMetrics {
    static final Set<String> METRICS = Set.of("nullValues", "missingValues", "invalidValues", "duplicateValues",
            "rowCount");
    /** Keys v3.0 rules carried at the top level that v3.1.0 moves into {@code arguments}. */
    static final Set<String> ARGUMENTS = Set.of("validValues", "missingValues", "pattern", "properties", "columns");

    private static final Map<String, String> FORMER_NAMES = Map.ofEntries(
            Map.entry("duplicateCount", "duplicateValues"),
            Map.entry("noDuplicateValues", "duplicateValues"),
            Map.entry("noDuplicates", "duplicateValues"),
            Map.entry("unique", "duplicateValues"),
            Map.entry("validValues", "invalidValues"),
            Map.entry("noInvalidValues", "invalidValues"),
            Map.entry("nullCheck", "nullValues"),
            Map.entry("notNull", "nullValues"),
            Map.entry("noNullValues", "nullValues"),
            Map.entry("noMissingValues", "missingValues"));

    private LibraryMetrics() {
    }

    /** The v3.1.0 metric for a metric or former rule name, or null when there is none. */
    static String metricFor(String name) {
        if (name == null) {
            return null;
        }
        return METRICS.contains(name) ? name : FORMER_NAMES.get(name);
    }

    /** The argument name in v3.1.0 ({@code columns} became {@code properties}). */
    static String argumentName(String key) {
        return key.equals("columns") ? "properties" : key;
    }

    /**
     * The operator a rule without one meant: no nulls, missing, invalid or duplicate values at all, and a
     * row count above zero (a rule that only names the metric asks for its absence, or presence).
     */
    static Map.Entry<String, Object> impliedOperator(String metric) {
        return metric.equals("rowCount") ? Map.entry("mustBeGreaterThan", 0L) : Map.entry("mustBe", 0L);
    }
}
