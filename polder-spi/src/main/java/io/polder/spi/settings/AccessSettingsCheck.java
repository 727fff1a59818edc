package io.polder.spi.settings;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Hints;
import io.polder.model.problem.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the reader of {@code polder.yaml} cannot know about its {@code access:} section: that each auto-approved
 * port is an output port of the product, and each team is declared in mesh.yaml. One implementation for
 * {@code polder validate} and for the registry's plan and apply. Problems name the file, line and column of the
 * entry (the port's line for a port, the team's own line for a team) and its JSON pointer.
 */
public final class AccessSettingsCheck {
    private AccessSettingsCheck() {
    }

    /**
     * @param display      the polder.yaml's name in problems
     * @param outputPorts  the names of the product's output ports
     * @param teams        the team ids mesh.yaml declares; null when mesh.yaml could not be read (teams go unchecked)
     */
    public static List<Problem> check(AccessSettings access, String display, Collection<String> outputPorts,
                                      Collection<String> teams) {
        requireNonNull(access, "access is null");
        requireNonNull(display, "display is null");
        requireNonNull(outputPorts, "outputPorts is null");
        List<Problem> problems = new ArrayList<>();
        for (AutoApproval rule : access.autoApprove()) {
            if (!outputPorts.contains(rule.port())) {
                problems.add(Problem.error(display, rule.position(), pointer(rule, "/port"), "`" + rule.port()
                        + "` is not an output port of this product; its output ports: "
                        + (outputPorts.isEmpty() ? "none" : String.join(", ", outputPorts)) + didYouMean(rule.port(), outputPorts)));
            }
            for (int i = 0; teams != null && i < rule.teams().size(); i++) {
                String team = rule.teams().get(i);
                if (!teams.contains(team)) {
                    problems.add(Problem.error(display, rule.teamPosition(i), pointer(rule, "/teams/" + i), "team `"
                            + team + "` (auto-approved for port " + rule.port() + ") is not declared in mesh.yaml"
                            + didYouMean(team, teams)));
                }
            }
        }
        return problems;
    }

    private static String didYouMean(String given, Collection<String> known) {
        String nearest = Hints.nearest(given, known);
        return nearest == null ? "" : "; did you mean `" + nearest + "`?";
    }

    private static String pointer(AutoApproval rule, String field) {
        return rule.pointer().isEmpty() ? "/access/autoApprove" : rule.pointer() + field;
    }
}
