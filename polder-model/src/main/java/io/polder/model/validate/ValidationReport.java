package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import java.util.List;
import java.util.Map;

/**
 * The outcome of validating a file, a folder or a mesh: how many files and documents of each kind were
 * checked, and every problem, in file order.
 */
public record ValidationReport(String target, int files, Map<DocumentKind, Integer> documents, List<Problem> problems) {
    public ValidationReport {
        requireNonNull(target, "target is null");
        documents = Map.copyOf(documents);
        problems = List.copyOf(problems);
    }

    public long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    public long warningCount() {
        return problems.size() - errorCount();
    }

    public boolean ok() {
        return errorCount() == 0;
    }
}
