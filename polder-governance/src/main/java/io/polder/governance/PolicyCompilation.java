package io.polder.governance;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What compiling a policy gave: the compiled policy, or the issues that refused it. A policy with any issue
 * is refused as a whole: an unchecked rule never runs.
 */
public record PolicyCompilation(Policy policy, CompiledPolicy compiled, List<ExpressionIssue> issues) {
    public PolicyCompilation {
        requireNonNull(policy, "policy is null");
        issues = List.copyOf(issues);
        if ((compiled == null) == issues.isEmpty()) {
            throw new IllegalArgumentException("a compilation has either a compiled policy or issues");
        }
    }

    public boolean ok() {
        return compiled != null;
    }

    public Optional<CompiledPolicy> compiledPolicy() {
        return Optional.ofNullable(compiled);
    }
}
