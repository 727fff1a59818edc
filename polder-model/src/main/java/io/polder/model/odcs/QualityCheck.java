package io.polder.model.odcs;

import java.util.Map;

/**
 * What a quality rule asks to be checked, by kind: the view of a {@link QualityRule} that an engine
 * switches over. Obtained from {@link QualityRule#check()}.
 */
public sealed interface QualityCheck permits QualityCheck.Text, QualityCheck.Library, QualityCheck.Sql,
        QualityCheck.Custom {

    /** A human-readable expectation; nothing to execute. */
    record Text(String description) implements QualityCheck {
    }

    /**
     * A predefined metric (v3.1), or in v3.0 a named library rule, compared by {@code comparison}.
     *
     * @param metric the v3.1 metric, or null for a v3.0 rule
     * @param rule the v3.0 rule name (deprecated in v3.1), or null
     * @param arguments the metric's arguments (missingValues, validValues, pattern, properties), or null
     * @param comparison null only when the contract gives none (v3.0 allows that)
     */
    record Library(LibraryMetric metric, String rule, Map<String, Object> arguments, Comparison comparison)
            implements QualityCheck {
    }

    /** A SQL query returning one value, compared by {@code comparison}. */
    record Sql(String query, Comparison comparison) implements QualityCheck {
    }

    /** A check in a vendor engine's own language: {@code implementation} is a String or a Map. */
    record Custom(String engine, Object implementation) implements QualityCheck {
    }
}
