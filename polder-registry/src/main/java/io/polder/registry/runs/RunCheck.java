package io.polder.registry.runs;

import io.polder.spi.check.FailedRows;

/**
 * The result of one check of a contract run, as the registry keeps it.
 *
 * @param snapshot the snapshot checked: with {@code port}, where the failed-row sample was taken from
 * @param kind schema, required, unique, primary-key, library, sql, custom, text or sla
 * @param value what was measured (a number, a boolean or a string), or null
 * @param threshold what the value had to satisfy, such as {@code >= 100}, or null
 * @param failedRows a few offending rows, personal and restricted columns left out; null when none were sampled
 */
public record RunCheck(String port, String snapshot, String ruleId, String name, String kind, String table,
                       String property, String metric, String severity, String outcome, Object value, String unit,
                       String threshold, String message, FailedRows failedRows) {
}
