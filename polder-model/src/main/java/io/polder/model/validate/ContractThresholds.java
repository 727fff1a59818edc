package io.polder.model.validate;

import io.polder.model.problem.Problems;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.List;

/**
 * Polder's own rule for a contract's library quality rules, beyond the standard: the ODCS schemas leave the
 * operand of {@code mustBe} and {@code mustNotBe} untyped (a sql rule's query may return text or a boolean), but
 * a library metric is a count (rows, or percent), so Polder compares it numerically and requires a number.
 * Without this, {@code mustBe: zero} passes validation and the build then fails the data for it. The other
 * operators are already typed as numbers by the schemas, and so by the readers.
 *
 * <p>A rule is a library rule as {@link io.polder.model.odcs.QualityRule#check()} decides: {@code type: library},
 * or no type and a {@code metric} (or, in v3.0, a {@code rule}).
 */
final class ContractThresholds {
    private static final List<String> UNTYPED_OPERATORS = List.of("mustBe", "mustNotBe");

    private ContractThresholds() {
    }

    /** Adds an error, at the operand, for each library rule of {@code root} whose mustBe/mustNotBe is not a number. */
    static void check(Node root, Problems problems) {
        if (!(root instanceof MapNode contract)) {
            return;
        }
        if (contract.get("schema") instanceof ListNode objects) {
            objects.items().forEach(object -> element(object, problems));
        }
    }

    /** A schema object or a property: its rules, its properties' and its items' (nested to any depth). */
    private static void element(Node node, Problems problems) {
        if (!(node instanceof MapNode element)) {
            return;
        }
        rules(element.get("quality"), problems);
        if (element.get("properties") instanceof ListNode properties) {
            properties.items().forEach(property -> element(property, problems));
        }
        element(element.get("items"), problems);
    }

    private static void rules(Node quality, Problems problems) {
        if (!(quality instanceof ListNode list)) {
            return;
        }
        for (Node item : list.items()) {
            if (item instanceof MapNode rule && isLibrary(rule)) {
                for (String operator : UNTYPED_OPERATORS) {
                    Node operand = rule.get(operator);
                    if (operand != null && !(operand instanceof ScalarNode scalar && scalar.isNumber())) {
                        problems.error(operand, "`" + operator + "` of a library rule must be a number: the metric `"
                                + metricName(rule) + "` is a count" + percent(rule) + ", compared as a number; found "
                                + describe(operand));
                    }
                }
            }
        }
    }

    private static boolean isLibrary(MapNode rule) {
        Node type = rule.get("type");
        if (type != null) {
            return type instanceof ScalarNode scalar && "library".equals(scalar.value());
        }
        return rule.get("metric") instanceof ScalarNode metric && metric.isString()
                || rule.get("rule") instanceof ScalarNode name && name.isString();
    }

    private static String metricName(MapNode rule) {
        Node metric = rule.get("metric") != null ? rule.get("metric") : rule.get("rule");
        return metric instanceof ScalarNode scalar && scalar.isString() ? (String) scalar.value() : "?";
    }

    private static String percent(MapNode rule) {
        return rule.get("unit") instanceof ScalarNode unit && "percent".equals(unit.value()) ? " (in percent)" : "";
    }

    private static String describe(Node operand) {
        return switch (operand) {
            case ScalarNode scalar when scalar.isNull() -> "null";
            case ScalarNode scalar when scalar.isString() && String.valueOf(scalar.value()).strip().matches("-?[0-9]+([.][0-9]+)?")
                    -> "'" + scalar.value() + "', a string: write the number without quotes";
            case ScalarNode scalar when scalar.isString() -> "'" + scalar.value() + "'";
            case ScalarNode scalar -> scalar.kindName() + " " + scalar.value();
            default -> operand.kindName();
        };
    }
}
