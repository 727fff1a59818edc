package io.polder.governance;

import static java.util.Objects.requireNonNull;

/**
 * The latest result of one data quality check of a product, as the registry recorded it: an element of
 * {@code facts.latestChecks}.
 *
 * @param rule the quality rule (its id or name in the contract)
 * @param outcome passed, failed, warning or error, as the engine reported it
 * @param port the output port it checked; null when unknown
 */
public record CheckOutcome(String rule, String outcome, String port) {
    public CheckOutcome {
        requireNonNull(rule, "rule is null");
        requireNonNull(outcome, "outcome is null");
    }
}
