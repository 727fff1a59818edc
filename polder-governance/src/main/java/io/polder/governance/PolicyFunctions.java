package io.polder.governance;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * The functions Polder adds to CEL's standard ones. Like those, they are pure: they read their arguments and
 * return a value, with no access to anything else.
 * <ul>
 *   <li>{@code isSemver(string) -> bool}: whether the string is a semantic version (semver.org 2.0.0)</li>
 *   <li>{@code semverMajor(string) -> int}: its major version; an error if it is not a semantic version</li>
 *   <li>{@code semverCompare(string, string) -> int}: -1, 0 or 1 by semver precedence; an error if either is
 *       not a semantic version</li>
 * </ul>
 */
final class PolicyFunctions {
    private PolicyFunctions() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("isSemver",
                        CelOverloadDecl.newGlobalOverload("is_semver_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("semverMajor",
                        CelOverloadDecl.newGlobalOverload("semver_major_string", SimpleType.INT, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("semverCompare",
                        CelOverloadDecl.newGlobalOverload("semver_compare_string_string", SimpleType.INT,
                                SimpleType.STRING, SimpleType.STRING)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("is_semver_string", String.class, SemanticVersion::isValid),
                CelFunctionBinding.from("semver_major_string", String.class, text -> version(text).major()),
                CelFunctionBinding.from("semver_compare_string_string", String.class, String.class,
                        (left, right) -> (long) Integer.signum(version(left).compareTo(version(right)))));
    }

    private static SemanticVersion version(String text) throws CelEvaluationException {
        SemanticVersion version = SemanticVersion.parse(text);
        if (version == null) {
            throw new CelEvaluationException("'" + text + "' is not a semantic version (MAJOR.MINOR.PATCH)");
        }
        return version;
    }
}
