package io.polder.registry.governance;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The refusal of policy files that do not load: INVALID_DOCUMENT with every problem (file, line, column,
 * pointer, message), in the shape the bundle's other problems take, so that the command line prints them alike.
 */
final class InvalidPolicies {
    private static final int MAX_PROBLEMS_REPORTED = 500;

    private InvalidPolicies() {
    }

    static PolderException of(List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        List<Map<String, Object>> reported = problems.stream().limit(MAX_PROBLEMS_REPORTED).map(InvalidPolicies::describe)
                .toList();
        return new PolderException(ErrorCode.INVALID_DOCUMENT, "the policies have " + errors.size()
                + (errors.size() == 1 ? " error: " : " errors; the first: ") + errors.getFirst().format(),
                Map.of("problems", reported), null);
    }

    static Map<String, Object> describe(Problem problem) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("file", problem.file());
        described.put("line", problem.position().line());
        described.put("column", problem.position().column());
        described.put("pointer", problem.pointer());
        described.put("severity", problem.severity().name().toLowerCase(Locale.ROOT));
        described.put("message", problem.message());
        return described;
    }
}
