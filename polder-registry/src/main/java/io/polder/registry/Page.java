package io.polder.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the page's items, in the listing's order
 * @param nextCursor the opaque cursor of the next page, or null when this is the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(requireNonNull(items, "items is null"));
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
