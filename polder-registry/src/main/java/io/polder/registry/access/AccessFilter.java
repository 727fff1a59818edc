package io.polder.registry.access;

/**
 * Narrows a listing of requests or grants to what the caller may see anyway (see {@link AccessService}).
 *
 * @param product only this product's ports, or null for all
 * @param state for requests: only this state, or null for all
 * @param includeLapsed for grants: also expired and revoked ones
 */
public record AccessFilter(String product, AccessRequestState state, boolean includeLapsed) {
    public static AccessFilter all() {
        return new AccessFilter(null, null, false);
    }

    public AccessFilter withProduct(String productId) {
        return new AccessFilter(productId, state, includeLapsed);
    }

    public AccessFilter withState(AccessRequestState value) {
        return new AccessFilter(product, value, includeLapsed);
    }

    public AccessFilter withLapsed(boolean value) {
        return new AccessFilter(product, state, value);
    }
}
