package io.polder.spi.settings;

import io.polder.model.bind.Copies;
import java.util.List;
import java.util.Optional;

/**
 * The {@code access:} section of a product's {@code polder.yaml}: which requests for its output ports the
 * platform approves at once, without waiting for an owner.
 *
 * <pre>
 * access:
 *   autoApprove:
 *     - port: orders                   # an output port of this product
 *       teams: [sales-analytics-team]  # requests by or for members of these teams
 *       productConsumers: true         # requests opened by applying a product that reads this port
 *       maxDays: 365                   # longer requests wait for an owner
 * </pre>
 *
 * An auto-approval never unmasks a column or filters rows: a request that asks to unmask columns waits for an
 * owner, and the grant shows the port as its contract's classification masks it, every row.
 */
public record AccessSettings(List<AutoApproval> autoApprove) {
    public AccessSettings {
        autoApprove = autoApprove == null ? List.of() : Copies.list(autoApprove);
    }

    public static AccessSettings none() {
        return new AccessSettings(List.of());
    }

    /** The auto-approval declared for output port {@code port}, if any. */
    public Optional<AutoApproval> forPort(String port) {
        return autoApprove.stream().filter(rule -> rule.port().equals(port)).findFirst();
    }
}
