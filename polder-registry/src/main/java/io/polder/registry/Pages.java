package io.polder.registry;

import java.util.List;
import java.util.function.Function;

/** Builds a {@link Page} from a query that fetched one row more than the page holds. */
public final class Pages {
    private Pages() {
    }

    /**
     * The first {@code limit} rows as a page; when there were more, the next cursor is made from the
     * page's last row.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorAfter) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, limit);
        return new Page<>(items, cursorAfter.apply(items.get(limit - 1)));
    }
}
