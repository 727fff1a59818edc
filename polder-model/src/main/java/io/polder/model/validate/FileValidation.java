package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import java.util.List;

/** The documents of one file and every problem found in it. */
public record FileValidation(String file, List<ValidatedDocument> documents, List<Problem> problems) {
    public FileValidation {
        requireNonNull(file, "file is null");
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    public int errorCount() {
        return (int) problems.stream().filter(Problem::isError).count();
    }

    public boolean valid() {
        return errorCount() == 0;
    }
}
