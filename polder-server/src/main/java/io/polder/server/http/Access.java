package io.polder.server.http;

import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;

/**
 * Who may call a route: anyone (no token needed), or an authenticated principal whose role may take the
 * route's {@link Action}. The roles come from the registry's {@link Authorizer}, the one table that maps
 * actions to roles; this is only the gate at the door. Domain-scoped actions are checked again, against
 * the domain concerned, by the service that knows it.
 *
 * @param action the action the route takes; null for a public route
 */
public record Access(Action action) {
    /**
     * Stands for "some domain" when asking whether a role may take a domain-scoped action anywhere: a
     * platform-admin may in every domain, a domain-owner in its own, no other role in any.
     */
    private static final String ANY_DOMAIN = "*";

    public static Access anyone() {
        return new Access(null);
    }

    public static Access requires(Action action) {
        return new Access(java.util.Objects.requireNonNull(action, "action is null"));
    }

    public boolean isPublic() {
        return action == null;
    }

    /** Whether {@code principal} may take the route's action at all (somewhere, for a domain-scoped one). */
    public boolean admits(Principal principal) {
        if (action == null) {
            return true;
        }
        String domain = !action.domainScoped() ? null : principal.domain() != null ? principal.domain() : ANY_DOMAIN;
        return Authorizer.allows(principal, action, domain);
    }

    /**
     * Who may take the route's action on what a request concerns, for people: the domain and owning team named
     * where they are known.
     */
    public String describe(Concern.Concerned concerned) {
        if (action == null || !action.domainScoped() || concerned.domain() == null) {
            return describe();
        }
        return Authorizer.allowedRoles(action, concerned.domain(), concerned.team());
    }

    /** Who may call the route, for people: in refusals and in the OpenAPI document. */
    public String describe() {
        if (action == null) {
            return "anyone, without a token";
        }
        return action.domainScoped() ? Authorizer.allowedRoles(action, "<the domain concerned>").replace("'", "")
                : Authorizer.allowedRoles(action, null);
    }
}
