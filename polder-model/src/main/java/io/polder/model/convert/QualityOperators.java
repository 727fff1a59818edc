package io.polder.model.convert;

import io.polder.model.source.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison operators of quality rules. ODCS v3.1.0 requires exactly one per library or SQL rule
 * (v3.0 and DCS allowed several), so a rule with several becomes {@code mustBeBetween} where the
 * standard documents that equivalence, and otherwise one rule per operator.
 */
final class QualityOperators {
    static final List<String> NAMES = List.of("mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo",
            "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween");
    /** Spellings DCS deprecated, with the standard spelling. */
    static final Map<String, String> DEPRECATED = Map.of(
            "mustBeGreaterThanOrEqualTo", "mustBeGreaterOrEqualTo",
            "mustBeLessThanOrEqualTo", "mustBeLessOrEqualTo");

    private QualityOperators() {
    }

    static boolean isOperator(String key) {
        return NAMES.contains(key) || DEPRECATED.containsKey(key);
    }

    static String standardName(String key) {
        return DEPRECATED.getOrDefault(key, key);
    }

    static List<String> present(Map<String, Object> rule) {
        return NAMES.stream().filter(rule::containsKey).toList();
    }

    /** {@code rule} as rules with one operator each; a rule with at most one is returned as it is. */
    static List<Map<String, Object>> oneEach(Map<String, Object> rule, Node at, ConversionLog log) {
        List<String> operators = present(rule);
        if (operators.size() <= 1) {
            return List.of(rule);
        }
        if (isOpenRange(rule, operators)) {
            log.warning(at, "ODCS v3.1.0 allows one operator per rule: mustBeGreaterThan and mustBeLessThan "
                    + "written as the equivalent mustBeBetween");
            return List.of(asBetween(rule));
        }
        log.warning(at, "ODCS v3.1.0 allows one operator per rule: this rule with " + String.join(", ", operators)
                + " is split into " + operators.size() + " rules");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < operators.size(); i++) {
            rules.add(keepOnly(rule, operators, operators.get(i), i + 1));
        }
        return rules;
    }

    // The standard: "mustBeBetween is the equivalent to mustBeGreaterThan and mustBeLessThan".
    private static boolean isOpenRange(Map<String, Object> rule, List<String> operators) {
        if (!operators.equals(List.of("mustBeGreaterThan", "mustBeLessThan"))) {
            return false;
        }
        BigDecimal lower = decimal(rule.get("mustBeGreaterThan"));
        BigDecimal upper = decimal(rule.get("mustBeLessThan"));
        return lower != null && upper != null && lower.compareTo(upper) < 0;
    }

    private static Map<String, Object> asBetween(Map<String, Object> rule) {
        Map<String, Object> between = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : rule.entrySet()) {
            switch (entry.getKey()) {
                case "mustBeGreaterThan" -> between.put("mustBeBetween",
                        List.of(rule.get("mustBeGreaterThan"), rule.get("mustBeLessThan")));
                case "mustBeLessThan" -> { }
                default -> between.put(entry.getKey(), entry.getValue());
            }
        }
        return between;
    }

    private static Map<String, Object> keepOnly(Map<String, Object> rule, List<String> operators, String kept,
            int number) {
        Map<String, Object> single = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : rule.entrySet()) {
            if (operators.contains(entry.getKey()) && !entry.getKey().equals(kept)) {
                continue;
            }
            // Ids must stay unique within their list.
            Object value = entry.getKey().equals("id") && entry.getValue() instanceof String id ? id + "_" + number
                    : entry.getValue();
            single.put(entry.getKey(), value);
        }
        return single;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Long || value instanceof java.math.BigInteger
                || (value instanceof Double d && Double.isFinite(d))) {
            return new BigDecimal(value.toString());
        }
        return null;
    }
}
