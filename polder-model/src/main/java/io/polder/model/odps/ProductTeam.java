package io.polder.model.odps;

import java.util.List;

/**
 * The `team` of a data product, in the shape its ODPS version gives it: a {@link Team} object (v1.0.0)
 * or a bare {@link TeamMemberList} (v0.9.0). Both are kept as written so that a document round-trips.
 */
public sealed interface ProductTeam permits Team, TeamMemberList {
    /** The members, or an empty list when none are listed. */
    List<TeamMember> memberList();
}
