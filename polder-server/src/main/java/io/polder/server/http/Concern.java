package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * What a request is about, in words for people: a refusal at the door names it ("building 'sales-orders'")
 * with the domain and team whose roles would be allowed, rather than the route.
 */
@FunctionalInterface
public interface Concern {
    /** A route that names nothing beyond its action. */
    Concern NONE = ctx -> Optional.empty();

    /** What {@code ctx} is about, when the route can tell; empty when it cannot (an unknown product, say). */
    Optional<Concerned> of(Context ctx);

    /**
     * @param doing  the action with its object, such as {@code building 'sales-orders'}
     * @param domain the domain concerned, or null when not known
     * @param team   the owning team concerned, or null when not known
     */
    record Concerned(String doing, String domain, String team) {
        public Concerned {
            requireNonNull(doing, "doing is null");
        }
    }
}
