package io.polder.engine.duckdb.check;

import io.polder.model.odcs.Comparison;
import io.polder.model.odcs.ComparisonOperator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Whether a measured value satisfies a rule's comparison, with the operators' ODCS meaning: numbers compare
 * by value (1 equals 1.0), ranges include their bounds, {@code mustBe} and {@code mustNotBe} also compare
 * booleans, strings and null. NaN satisfies no comparison, and an infinity compares as a number.
 */
final class Expectation {
    private Expectation() {
    }

    /** The verdict, or null when the value passes. */
    static String failure(Object value, Comparison comparison) {
        boolean passes = passes(value, comparison);
        return passes ? null : "is " + describe(value) + ", expected " + describe(comparison);
    }

    static boolean passes(Object value, Comparison comparison) {
        ComparisonOperator operator = comparison.operator();
        Object operand = comparison.value();
        Double measured = Values.asDouble(value);
        if (operator == ComparisonOperator.MUST_BE || operator == ComparisonOperator.MUST_NOT_BE) {
            boolean equal = equal(value, measured, operand);
            return operator == ComparisonOperator.MUST_BE == equal;
        }
        if (measured == null || measured.isNaN()) {
            return false;
        }
        if (operator.operand() == ComparisonOperator.Operand.RANGE) {
            List<Number> range = comparison.range();
            boolean within = compare(value, measured, range.get(0)) >= 0 && compare(value, measured, range.get(1)) <= 0;
            return operator == ComparisonOperator.MUST_BE_BETWEEN == within;
        }
        int order = compare(value, measured, (Number) operand);
        return switch (operator) {
            case MUST_BE_GREATER_THAN -> order > 0;
            case MUST_BE_GREATER_OR_EQUAL_TO -> order >= 0;
            case MUST_BE_LESS_THAN -> order < 0;
            case MUST_BE_LESS_OR_EQUAL_TO -> order <= 0;
            default -> throw new IllegalStateException("not an ordering operator: " + operator);
        };
    }

    private static boolean equal(Object value, Double measured, Object operand) {
        if (operand == null || value == null) {
            return operand == null && value == null;
        }
        if (operand instanceof Number number) {
            return measured != null && !measured.isNaN() && compare(value, measured, number) == 0;
        }
        if (operand instanceof Boolean expected) {
            // a query may return a boolean as 0 or 1
            return expected.equals(value) || value instanceof Number number
                    && Values.decimal(number).compareTo(expected ? BigDecimal.ONE : BigDecimal.ZERO) == 0;
        }
        return Objects.equals(String.valueOf(value), String.valueOf(operand));
    }

    /** Exact for finite numbers (as decimals), by double for infinities. */
    private static int compare(Object value, double measured, Number operand) {
        if (Double.isInfinite(measured) || Double.isInfinite(operand.doubleValue())
                || Double.isNaN(operand.doubleValue())) {
            return Double.compare(measured, operand.doubleValue());
        }
        BigDecimal left = value instanceof Number number ? Values.decimal(number) : BigDecimal.valueOf(measured);
        return left.compareTo(Values.decimal(operand));
    }

    static String describe(Comparison comparison) {
        Object operand = comparison.value();
        return switch (comparison.operator()) {
            case MUST_BE -> "= " + describe(operand);
            case MUST_NOT_BE -> "<> " + describe(operand);
            case MUST_BE_GREATER_THAN -> "> " + describe(operand);
            case MUST_BE_GREATER_OR_EQUAL_TO -> ">= " + describe(operand);
            case MUST_BE_LESS_THAN -> "< " + describe(operand);
            case MUST_BE_LESS_OR_EQUAL_TO -> "<= " + describe(operand);
            case MUST_BE_BETWEEN -> "between " + describe(comparison.range().get(0)) + " and "
                    + describe(comparison.range().get(1));
            case MUST_NOT_BE_BETWEEN -> "not between " + describe(comparison.range().get(0)) + " and "
                    + describe(comparison.range().get(1));
        };
    }

    static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof String text && Values.asDouble(text) == null) {
            return "'" + text + "'";
        }
        return value.toString();
    }
}
