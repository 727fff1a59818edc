package io.polder.governance;

import static java.util.Objects.requireNonNull;

/**
 * A policy as written: a CEL {@code rule} that must hold for every instance of its {@code target} in the
 * products of its {@code scope} (where the optional {@code when} holds), and the {@code message} shown when
 * it does not. Compile it with {@link PolicyEngine#compile(Policy)}.
 *
 * @param id unique in the mesh, a lowercase id
 * @param version a semantic version; the compiled form is cached by id, version and source digest
 * @param when an optional CEL filter (null when absent): instances where it is false are not applicable
 * @param rule a CEL expression of type bool that must be true
 * @param message the failure message: text with {@code {{ cel expression }}} placeholders naming the target's fields
 * @param origin where it was declared
 */
public record Policy(String id, String version, String description, String owner, PolicyScope scope,
                     PolicyTarget target, PolicySeverity severity, String when, String rule, String message,
                     Origin origin) {
    public Policy {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(target, "target is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(message, "message is null");
        requireNonNull(origin, "origin is null");
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
