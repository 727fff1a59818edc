package io.polder.registry.catalog;

import java.util.List;

/**
 * A person or service principal named in mesh.yaml, with where it belongs.
 *
 * @param memberships the teams it is in and the domains it owns
 */
public record Member(String name, String displayName, List<Membership> memberships) {
    public Member {
        memberships = List.copyOf(memberships);
    }

    /**
     * One place a member belongs.
     *
     * @param kind {@code team} or {@code domain}
     * @param id the team's or domain's id
     * @param role the role in a team ({@code owner} or {@code member}); {@code owner} for a domain
     */
    public record Membership(String kind, String id, String role) {
    }
}
