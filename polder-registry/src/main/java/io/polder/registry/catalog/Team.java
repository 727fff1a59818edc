package io.polder.registry.catalog;

import java.time.Instant;
import java.util.List;

/** A team of a domain, with its members in the order mesh.yaml lists them. */
public record Team(String id, String domain, String name, String description, List<TeamMember> members,
                   Instant createdAt, Instant updatedAt) {
    public Team {
        members = List.copyOf(members);
    }

    /** A principal in a team, with the role mesh.yaml gives it ({@code owner} or {@code member}, or null). */
    public record TeamMember(String name, String displayName, String role) {
    }
}
