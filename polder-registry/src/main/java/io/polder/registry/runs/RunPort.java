package io.polder.registry.runs;

/**
 * What a build did for one output port.
 *
 * @param port {@code product/port/vMAJOR}
 * @param outcome published, candidate, quarantined or failed
 * @param snapshot the candidate written, or null when none was completed
 * @param publishedSnapshot what is published after the build: the new snapshot, or the previous one that stayed
 * @param rows the rows written to the candidate, over all its tables
 * @param checkOutcome passed, warned or failed; null when no contract run happened
 */
public record RunPort(String port, String outcome, String snapshot, String publishedSnapshot, long rows,
                      String checkOutcome) {
}
