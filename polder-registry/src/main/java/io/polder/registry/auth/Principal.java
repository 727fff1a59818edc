package io.polder.registry.auth;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;

/**
 * Who is acting, as established by an {@link Authenticator}: a name and one role, scoped to a domain
 * (domain-owner) or a team (member). Identity comes only from here, never from a request body.
 *
 * @param name the principal's name (a token's name, later a JWT subject)
 * @param domain the domain a domain-owner owns; null for every other role
 * @param team the team a member belongs to; null for every other role
 */
public record Principal(String name, Role role, String domain, String team) {
    /** The principal the registry itself acts as, for example when it creates the first admin token. */
    public static final Principal SYSTEM = new Principal("polder", Role.PLATFORM_ADMIN, null, null);

    public Principal {
        Names.requirePrincipal(name);
        requireNonNull(role, "role is null");
        if (role == Role.DOMAIN_OWNER) {
            if (domain == null) {
                throw invalid("a domain-owner is scoped to the domain it owns: name it (polder token create ... --domain"
                        + " DOMAIN)");
            }
            Names.requireId("domain", domain);
        } else if (domain != null) {
            throw invalid("only a domain-owner is scoped to a domain; a " + role + " has none");
        }
        if (role == Role.MEMBER) {
            if (team == null) {
                throw invalid("a member is scoped to the team it belongs to: name it (polder token create ... --team TEAM)");
            }
            Names.requireId("team", team);
        } else if (team != null) {
            throw invalid("only a member is scoped to a team; a " + role + " has none");
        }
    }

    public static Principal platformAdmin(String name) {
        return new Principal(name, Role.PLATFORM_ADMIN, null, null);
    }

    public static Principal governance(String name) {
        return new Principal(name, Role.GOVERNANCE, null, null);
    }

    public static Principal domainOwner(String name, String domain) {
        return new Principal(name, Role.DOMAIN_OWNER, domain, null);
    }

    public static Principal member(String name, String team) {
        return new Principal(name, Role.MEMBER, null, team);
    }

    public static Principal consumer(String name) {
        return new Principal(name, Role.CONSUMER, null, null);
    }

    /** The role with its scope, as messages show it: {@code domain-owner of 'sales'}. */
    public String describeRole() {
        return switch (role) {
            case DOMAIN_OWNER -> "domain-owner of '" + domain + "'";
            case MEMBER -> "member of team '" + team + "'";
            default -> role.value();
        };
    }

    private static PolderException invalid(String message) {
        return new PolderException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
