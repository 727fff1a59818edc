package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.problem.Severity;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.Position;
import java.util.HashSet;
import java.util.Set;

/**
 * Where a conversion reports what it could not carry over faithfully. Warnings name the source position
 * of the value concerned (the key's position when the key itself has no place in the target). A problem is
 * reported once: a definition inlined by several fields is converted for each, but its notes say the same thing
 * at the same place.
 */
final class ConversionLog {
    private final Problems problems;
    private final Set<Reported> reported = new HashSet<>();

    private record Reported(Severity severity, Position position, String message) {
    }

    ConversionLog(Problems problems) {
        this.problems = requireNonNull(problems, "problems is null");
    }

    void warning(Node at, String message) {
        report(new Problem(problems.file(), at.position(), at.pointer(), Severity.WARNING, message));
    }

    void error(Node at, String message) {
        report(Problem.error(problems.file(), at.position(), at.pointer(), message));
    }

    void warningAtKey(MapNode parent, String key, String message) {
        atKey(parent, key, Severity.WARNING, message);
    }

    void errorAtKey(MapNode parent, String key, String message) {
        atKey(parent, key, Severity.ERROR, message);
    }

    private void atKey(MapNode parent, String key, Severity severity, String message) {
        MapNode.Entry entry = parent.entries().get(key);
        if (entry == null) {
            report(new Problem(problems.file(), parent.position(), parent.pointer(), severity, message));
            return;
        }
        // The value's own pointer: for a field that inlines a definition it names the definition's value.
        report(new Problem(problems.file(), entry.keyPosition(), entry.value().pointer(), severity, message));
    }

    private void report(Problem problem) {
        if (reported.add(new Reported(problem.severity(), problem.position(), problem.message()))) {
            problems.add(problem);
        }
    }
}
