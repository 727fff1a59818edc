package io.polder.model.problem;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.Node;
import io.polder.model.source.Position;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems found while reading one or more documents of a file. */
public final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();

    public Problems(String file) {
        this.file = requireNonNull(file, "file is null");
    }

    public String file() {
        return file;
    }

    public void error(Node at, String message) {
        error(at.position(), at.pointer(), message);
    }

    public void error(Position position, String pointer, String message) {
        found.add(Problem.error(file, position, pointer, message));
    }

    public void warning(Node at, String message) {
        found.add(new Problem(file, at.position(), at.pointer(), Severity.WARNING, message));
    }

    public void add(Problem problem) {
        found.add(requireNonNull(problem, "problem is null"));
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    public int errorCount() {
        return (int) found.stream().filter(Problem::isError).count();
    }

    public List<Problem> list() {
        return List.copyOf(found);
    }
}
