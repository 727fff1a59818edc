package io.polder.model.convert;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.Optional;
import java.util.Set;

/**
 * The ODCS type a source quality rule becomes. DCS rules may leave the type to be inferred from their
 * keys, and the DCS 0.9 style ({@code type: SodaCL} with a {@code specification}) becomes a custom rule
 * whose engine is that type.
 *
 * @param inferred whether the converter writes the type (rather than copying the source's {@code type})
 * @param unknownType the source's own type when it is not one of ODCS's
 */
record RuleType(String name, boolean inferred, String unknownType) {
    private static final Set<String> STANDARD = Set.of("text", "library", "sql", "custom");

    static RuleType of(MapNode rule, QualityRules.Origin origin) {
        String declared = declaredType(rule.get("type"));
        if (declared != null && STANDARD.contains(declared)) {
            return new RuleType(declared, false, null);
        }
        if (origin == QualityRules.Origin.ODCS_V3_0) {
            // v3.0: a rule without a type is a library rule; any other type was invalid and stays as it is.
            return new RuleType(declared == null ? "library" : declared, false, null);
        }
        if (declared != null && (rule.has("specification") || rule.has("implementation"))) {
            return new RuleType("custom", true, declared);
        }
        return new RuleType(inferFromKeys(rule), true, declared);
    }

    private static String declaredType(Node type) {
        return type instanceof ScalarNode scalar && scalar.isString() ? (String) scalar.value() : null;
    }

    private static String inferFromKeys(MapNode rule) {
        if (rule.has("metric") || rule.has("rule")) {
            return "library";
        }
        if (rule.has("query")) {
            return "sql";
        }
        if (rule.has("engine")) {
            return "custom";
        }
        return "text";
    }

    /** For a DCS 0.9 rule such as {@code type: SodaCL}, the engine it names. */
    Optional<String> engineFromType() {
        return name.equals("custom") && unknownType != null ? Optional.of(unknownType) : Optional.empty();
    }

    boolean isLibrary() {
        return name.equals("library");
    }

    boolean isSql() {
        return name.equals("sql");
    }

    boolean isCustom() {
        return name.equals("custom");
    }
}
