package io.polder.model.source;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import java.util.List;

/**
 * What reading one file gave: its documents (a YAML file may hold several, separated by {@code ---}),
 * or the problems that kept it from being read.
 */
public record ParsedFile(String file, List<SourceDocument> documents, List<Problem> problems) {
    public ParsedFile {
        requireNonNull(file, "file is null");
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
