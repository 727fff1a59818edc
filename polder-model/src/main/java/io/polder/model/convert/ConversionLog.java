package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.problem.Severity;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;

/**
 * Where a conversion reports what it could not carry over faithfully. Warnings name the source position
 * of the value concerned (the key's position when the key itself has no place in the target).
 */
final class ConversionLog {
    private final Problems problems;

    ConversionLog(Problems problems) {
        this.problems = requireNonNull(problems, "problems is null");
    }

    void warning(Node at, String message) {
        problems.warning(at, message);
    }

    void error(Node at, String message) {
        problems.error(at, message);
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
            problems.add(new Problem(problems.file(), parent.position(), parent.pointer(), severity, message));
            return;
        }
        // The value's own pointer: for a field that inlines a definition it names the definition's value.
        problems.add(new Problem(problems.file(), entry.keyPosition(), entry.value().pointer(), severity, message));
    }
}
