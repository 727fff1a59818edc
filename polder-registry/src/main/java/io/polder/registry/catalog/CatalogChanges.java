package io.polder.registry.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whoever keeps a copy of the catalog (a search index) that a product changed: a new version, a
 * lifecycle move, a retirement. Listeners are told after the change is committed, on the thread that made
 * it, so they must be quick (queue the id, do the work elsewhere). A listener that fails is logged and does
 * not fail the change: a copy can always be rebuilt from the registry.
 *
 * <p>Only changes made by this process are told; a copy shared by several replicas must also reconcile
 * with the registry now and then (product revisions say what changed).
 */
public final class CatalogChanges {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogChanges.class);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} with a product's id after every committed change of that product. */
    public void subscribe(Consumer<String> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    public void unsubscribe(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Called by the services after they committed a change of product {@code productId}. */
    public void productChanged(String productId) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(productId);
            } catch (RuntimeException e) {
                LOG.warn("a catalog listener failed for product {}: {}", productId, e.toString());
            }
        }
    }
}
