package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A grant the principal held on a port and holds no more, so that a refusal can say why rather than only
 * that there is no grant.
 *
 * @param port the port's address, {@code PRODUCT/PORT}
 */
public record LapsedGrant(String port, Reason reason, Instant at) {
    public enum Reason { EXPIRED, REVOKED }

    public LapsedGrant {
        requireNonNull(port, "port is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(at, "at is null");
    }
}
