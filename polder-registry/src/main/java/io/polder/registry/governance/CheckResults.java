package io.polder.registry.governance;

import io.polder.governance.CheckOutcome;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Where policies find {@code facts.latestChecks}: the latest outcome of each data-quality check of a product.
 * Check runs are recorded by the engine integration; until a registry is built with a source of them, it
 * uses {@link #NONE_RECORDED}, which says truthfully that this registry holds no check results. Both reads take
 * the caller's handle, so that the checks belong to the same state of the store as the products they are facts of.
 */
public interface CheckResults {
    /** This registry records no check runs: every product has no latest check. */
    CheckResults NONE_RECORDED = new CheckResults() {
        @Override
        public List<CheckOutcome> latest(Handle handle, String productId) {
            return List.of();
        }

        @Override
        public Map<String, List<CheckOutcome>> latestOfEvery(Handle handle) {
            return Map.of();
        }
    };

    /** The latest outcome of each check of {@code productId}'s output ports, or an empty list. */
    List<CheckOutcome> latest(Handle handle, String productId);

    /**
     * {@link #latest} of every product that has checks, by product id, in one read (for evaluating every product,
     * instead of one read per product).
     */
    Map<String, List<CheckOutcome>> latestOfEvery(Handle handle);
}
