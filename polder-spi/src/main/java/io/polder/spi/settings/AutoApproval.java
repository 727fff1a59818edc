package io.polder.spi.settings;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Copies;
import io.polder.model.source.Position;
import java.util.List;

/**
 * Which requests for one output port are approved at once (see {@link AccessSettings}).
 *
 * @param port the output port's name
 * @param teams requests for one of these teams, or by a member of one of them, are approved
 * @param productConsumers requests a product's apply opens for its owning team (its input port reads this port)
 *                         are approved
 * @param maxDays requests for longer wait for an owner; null for no limit but the platform's
 * @param position where {@code port} stands in polder.yaml, for messages about it
 * @param pointer the entry's JSON pointer in polder.yaml ({@code /access/autoApprove/0}); "" when not read from one
 * @param teamPositions where each of {@code teams} stands, in the same order; empty when not read from a file
 */
public record AutoApproval(String port, List<String> teams, boolean productConsumers, Integer maxDays,
                           Position position, String pointer, List<Position> teamPositions) {
    public AutoApproval {
        requireNonNull(port, "port is null");
        teams = teams == null ? List.of() : Copies.list(teams);
        position = position == null ? Position.START : position;
        pointer = pointer == null ? "" : pointer;
        teamPositions = teamPositions == null ? List.of() : Copies.list(teamPositions);
    }

    public AutoApproval(String port, List<String> teams, boolean productConsumers, Integer maxDays, Position position) {
        this(port, teams, productConsumers, maxDays, position, "", List.of());
    }

    /** Where the {@code index}th team stands, or the port's position when that is not known. */
    public Position teamPosition(int index) {
        return index < teamPositions.size() ? teamPositions.get(index) : position;
    }
}
