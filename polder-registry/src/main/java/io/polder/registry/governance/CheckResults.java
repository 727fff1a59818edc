package io.polder.registry.governance;

import io.polder.governance.CheckOutcome;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Where policies find {@code facts.latestChecks}: the latest outcome of each data-quality check of a product.
 * Check runs are recorded by the engine integration; until a registry is built with a source of them, it
 * uses {@link #NONE_RECORDED}, which says truthfully that this registry holds no check results.
 */
@FunctionalInterface
public interface CheckResults {
    /** This registry records no check runs: every product has no latest check. */
    CheckResults NONE_RECORDED = (handle, productId) -> List.of();

    /**
     * The latest outcome of each check of {@code productId}'s output ports, or an empty list, read with
     * {@code handle} (so that they belong to the same state of the store as the products they are facts of).
     */
    List<CheckOutcome> latest(Handle handle, String productId);
}
