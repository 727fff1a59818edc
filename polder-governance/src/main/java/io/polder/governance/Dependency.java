package io.polder.governance;

import static java.util.Objects.requireNonNull;

/**
 * One input port of a product and what it resolves to: a fact, element of {@code facts.dependencies}.
 *
 * @param inputPort the input port's name
 * @param contractId the contract the input port names
 * @param version the contract version the input port names
 * @param product the product whose output port offers that contract at that version; null when none does
 * @param port that output port's name; null when unresolved
 * @param status the lifecycle status of what is consumed: retired or deprecated if the upstream product or
 *               contract is, else the contract's status (draft, active, ...); null when unresolved
 * @param sunsetDate when the upstream contract ends (its SLA endOfLife, else endOfSupport), as written; null if none
 */
public record Dependency(String inputPort, String contractId, String version, String product, String port,
                         String status, String sunsetDate) {
    public Dependency {
        requireNonNull(inputPort, "inputPort is null");
        requireNonNull(contractId, "contractId is null");
        requireNonNull(version, "version is null");
    }

    public boolean resolved() {
        return product != null;
    }
}
