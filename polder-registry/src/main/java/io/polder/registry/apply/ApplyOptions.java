package io.polder.registry.apply;

import io.polder.registry.Names;
import java.util.Set;

/**
 * How to apply a bundle.
 *
 * @param prune retire the registry's products that the bundle no longer declares (only when applying the
 *              whole mesh, that is without {@code onlyProducts})
 * @param dryRun plan only: change nothing
 * @param onlyProducts apply only these products of the bundle (the bundle is still validated whole, and
 *                     domains and teams are then left as they are); empty for all
 */
public record ApplyOptions(boolean prune, boolean dryRun, Set<String> onlyProducts) {
    public ApplyOptions {
        onlyProducts = Set.copyOf(onlyProducts == null ? Set.of() : onlyProducts);
        onlyProducts.forEach(id -> Names.requireId("product id", id));
        if (prune && !onlyProducts.isEmpty()) {
            throw new io.polder.error.PolderException(io.polder.error.ErrorCode.INVALID_ARGUMENT,
                    "prune applies to the whole mesh; it cannot be combined with a selection of products");
        }
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(false, false, Set.of());
    }

    public static ApplyOptions dryRunOnly() {
        return new ApplyOptions(false, true, Set.of());
    }

    public ApplyOptions withPrune() {
        return new ApplyOptions(true, dryRun, onlyProducts);
    }

    public ApplyOptions asDryRun() {
        return new ApplyOptions(prune, true, onlyProducts);
    }

    public static ApplyOptions only(String... productIds) {
        return new ApplyOptions(false, false, Set.of(productIds));
    }

    boolean wholeMesh() {
        return onlyProducts.isEmpty();
    }

    boolean selects(String productId) {
        return onlyProducts.isEmpty() || onlyProducts.contains(productId);
    }
}
