package io.polder.model.odcs;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * What a quality rule's measured value must satisfy: an operator and its operand, such as
 * {@code mustBeLessThan: 5} or {@code mustBeBetween: [0, 100]}.
 *
 * @param value a Number for the numeric operators, a list of two Numbers for the ranges, any JSON value
 *              (null included) for mustBe and mustNotBe
 */
public record Comparison(ComparisonOperator operator, Object value) {
    public Comparison {
        requireNonNull(operator, "operator is null");
        value = PlainValues.copy(value);
    }

    /** The operand of a numeric operator (or of mustBe/mustNotBe when it is a number), else null. */
    public Number number() {
        return value instanceof Number number ? number : null;
    }

    /** The two bounds of mustBeBetween/mustNotBeBetween, else null. */
    @SuppressWarnings("unchecked")
    public List<Number> range() {
        return operator.operand() == ComparisonOperator.Operand.RANGE ? (List<Number>) value : null;
    }

    /** Whether {@code node} is a valid operand for {@code operator}, as the schema types it. */
    static boolean accepts(ComparisonOperator operator, Node node) {
        return switch (operator.operand()) {
            case ANY -> true;
            case NUMBER -> node instanceof ScalarNode scalar && scalar.isNumber();
            case RANGE -> isRange(node);
        };
    }

    static String expectation(ComparisonOperator operator) {
        return switch (operator.operand()) {
            case ANY -> "any value";
            case NUMBER -> "a number";
            case RANGE -> "a list of two different numbers, the smaller first";
        };
    }

    private static boolean isRange(Node node) {
        if (!(node instanceof ListNode list) || list.items().size() != 2) {
            return false;
        }
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode scalar && scalar.isNumber())) {
                return false;
            }
        }
        // uniqueItems compares numbers by value: [1, 1.0] repeats an item
        return decimal(list.items().get(0)).compareTo(decimal(list.items().get(1))) != 0;
    }

    private static BigDecimal decimal(Node node) {
        Object value = ((ScalarNode) node).value();
        return switch (value) {
            case BigInteger big -> new BigDecimal(big);
            case Double d -> BigDecimal.valueOf(d);
            default -> BigDecimal.valueOf(((Number) value).longValue());
        };
    }
}
