package io.polder.governance;

import static java.util.Objects.requireNonNull;

/**
 * Why one of a policy's expressions was refused, located within the expression's text.
 *
 * @param part which field of the policy: rule, when or message
 * @param offset the character offset in that field's text where the problem is, or -1 when CEL gave none
 */
public record ExpressionIssue(Part part, int offset, String message) {
    public enum Part {
        RULE("rule"), WHEN("when"), MESSAGE("message");

        private final String field;

        Part(String field) {
            this.field = field;
        }

        /** The policy document's field holding this expression. */
        public String field() {
            return field;
        }
    }

    public ExpressionIssue {
        requireNonNull(part, "part is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return "`" + part.field() + "`" + (offset >= 0 ? " at " + offset : "") + ": " + message;
    }
}
