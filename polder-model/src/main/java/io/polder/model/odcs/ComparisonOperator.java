package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;

/** How a quality rule compares its measured value: the operator keys of ODCS quality rules. */
public enum ComparisonOperator implements StandardEnum {
    MUST_BE("mustBe", "=", Operand.ANY),
    MUST_NOT_BE("mustNotBe", "<>", Operand.ANY),
    MUST_BE_GREATER_THAN("mustBeGreaterThan", ">", Operand.NUMBER),
    MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo", ">=", Operand.NUMBER),
    MUST_BE_LESS_THAN("mustBeLessThan", "<", Operand.NUMBER),
    MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo", "<=", Operand.NUMBER),
    /** Within a range: two distinct numbers, the smaller first (inclusive bounds, as SQL BETWEEN). */
    MUST_BE_BETWEEN("mustBeBetween", "BETWEEN", Operand.RANGE),
    MUST_NOT_BE_BETWEEN("mustNotBeBetween", "NOT BETWEEN", Operand.RANGE);

    /** What the schema allows as the operator's value. */
    public enum Operand {
        /** Any JSON value (the schema does not constrain mustBe and mustNotBe). */
        ANY,
        NUMBER,
        /** A list of exactly two distinct numbers. */
        RANGE
    }

    private final String value;
    private final String symbol;
    private final Operand operand;

    ComparisonOperator(String value, String symbol, Operand operand) {
        this.value = value;
        this.symbol = symbol;
        this.operand = operand;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The SQL comparison it stands for. */
    public String symbol() {
        return symbol;
    }

    public Operand operand() {
        return operand;
    }

    /** The operator spelled {@code key}, or null. */
    public static ComparisonOperator ofKey(String key) {
        for (ComparisonOperator operator : values()) {
            if (operator.value.equals(key)) {
                return operator;
            }
        }
        return null;
    }
}
