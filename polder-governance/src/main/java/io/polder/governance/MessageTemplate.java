package io.polder.governance;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A policy's message: text with {@code {{ expression }}} placeholders, each a CEL expression over the
 * target's variables, type-checked when the policy is loaded. A placeholder whose value is absent at render
 * time shows as {@code (missing: expression)}: rendering never fails.
 */
final class MessageTemplate {
    static final String OPEN = "{{";
    static final String CLOSE = "}}";

    /** A piece of the message: literal text, or an expression with its offset in the message. */
    record Segment(String text, boolean expression, int offset) {
    }

    /** A compiled placeholder. */
    record Placeholder(String expression, CelRuntime.Program program) {
    }

    /** Evaluates one placeholder; throws when the value cannot be computed. */
    @FunctionalInterface
    interface Evaluation {
        Object evaluate(CelRuntime.Program program) throws Exception;
    }

    private final List<Object> parts;

    MessageTemplate(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Splits a message into text and placeholders; an issue when a placeholder is not closed or is empty. */
    static List<Segment> split(String message, List<ExpressionIssue> issues) {
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        while (from < message.length()) {
            int open = message.indexOf(OPEN, from);
            if (open < 0) {
                segments.add(new Segment(message.substring(from), false, from));
                break;
            }
            segments.add(new Segment(message.substring(from, open), false, from));
            int close = message.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                issues.add(new ExpressionIssue(ExpressionIssue.Part.MESSAGE, open,
                        "`{{` is not closed by `}}`; write {{ expression }}, e.g. {{ property.name }}"));
                return List.of();
            }
            String inside = message.substring(open + OPEN.length(), close);
            int leading = inside.length() - inside.stripLeading().length();
            if (inside.isBlank()) {
                issues.add(new ExpressionIssue(ExpressionIssue.Part.MESSAGE, open,
                        "`{{ }}` is empty; name a field of the target, e.g. {{ property.name }}"));
            }
            segments.add(new Segment(inside.strip(), true, open + OPEN.length() + leading));
            from = close + CLOSE.length();
        }
        return segments;
    }

    String render(Evaluation evaluation) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder placeholder) {
                text.append(renderPlaceholder(placeholder, evaluation));
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }

    private static String renderPlaceholder(Placeholder placeholder, Evaluation evaluation) {
        try {
            return format(evaluation.evaluate(placeholder.program()));
        } catch (Exception | StackOverflowError e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("is absent") || reason.contains("not present in map") || reason.contains("no such")) {
                return "(missing: " + placeholder.expression() + ")";
            }
            return "(cannot show " + placeholder.expression() + ": " + reason + ")";
        }
    }

    /** A CEL value as a reader wants to see it: strings bare, lists and maps in brackets. */
    static String format(Object value) {
        return switch (value) {
            case null -> "null";
            case NullValue ignored -> "null";
            case String text -> text;
            case RecordValue struct -> format(struct.fields());
            case Instant instant -> instant.toString();
            case Optional<?> optional -> optional.map(MessageTemplate::format).orElse("(none)");
            case List<?> list -> list.stream().map(MessageTemplate::format).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(entry -> format(entry.getKey()) + ": " + format(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            default -> value.toString();
        };
    }
}
