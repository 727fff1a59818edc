package io.polder.governance;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.polder.model.bind.Hints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type-checks and plans a policy's expressions: the rule and {@code when} must be bool expressions over the
 * target's variables, and every placeholder of the message must type-check too. Every refusal is an
 * {@link ExpressionIssue} located in the expression's text.
 */
final class PolicyCompiler {
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("undefined field '([^']+)'");

    private final CelEnvironments environments;
    private final Set<String> allVariables = new HashSet<>();

    PolicyCompiler(CelEnvironments environments) {
        this.environments = environments;
        for (PolicyTarget target : PolicyTarget.values()) {
            allVariables.addAll(target.variables());
        }
    }

    /** The expressions of {@code policy}, compiled; or the issues found. */
    CompiledPolicy.Expressions compile(Policy policy, List<ExpressionIssue> issues) {
        Cel cel = environments.forTarget(policy.target());
        CelAbstractSyntaxTree rule = checkBool(cel, policy, ExpressionIssue.Part.RULE, policy.rule(), issues);
        CelAbstractSyntaxTree when = policy.when() == null ? null
                : checkBool(cel, policy, ExpressionIssue.Part.WHEN, policy.when(), issues);
        List<CelAbstractSyntaxTree> placeholders = new ArrayList<>();
        MessageTemplate message = template(cel, policy, issues, placeholders);
        if (!issues.isEmpty()) {
            return null;
        }
        Set<String> declared = new HashSet<>(policy.target().variables());
        boolean whenReadsProductOnly = when != null && ExpressionAnalysis.readsProductOnly(when.getExpr(), declared);
        List<CelAbstractSyntaxTree> all = new ArrayList<>(placeholders);
        all.add(rule);
        if (when != null) {
            all.add(when);
        }
        boolean readsNow = all.stream().anyMatch(ast -> ExpressionAnalysis.names(ast.getExpr(), Variables.NOW));
        return new CompiledPolicy.Expressions(digest(policy), program(cel, rule),
                when == null ? null : program(cel, when), whenReadsProductOnly,
                when == null ? Guard.ALWAYS : ExpressionAnalysis.guard(when.getExpr()), message, readsNow);
    }

    /** The digest of what compilation depends on: the target and the three expressions. */
    static String digest(Policy policy) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : Arrays.asList(policy.target().value(), policy.when(), policy.rule(), policy.message())) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private CelAbstractSyntaxTree checkBool(Cel cel, Policy policy, ExpressionIssue.Part part, String text,
                                            List<ExpressionIssue> issues) {
        if (text.isBlank()) {
            issues.add(new ExpressionIssue(part, 0, "is empty; write a CEL expression that is true when "
                    + (part == ExpressionIssue.Part.RULE ? "the target complies" : "the policy applies")));
            return null;
        }
        CelAbstractSyntaxTree ast = check(cel, policy, part, text, issues);
        if (ast == null) {
            return null;
        }
        CelType type = ast.getResultType();
        if (type.kind() != CelKind.BOOL && type.kind() != CelKind.DYN) {
            issues.add(new ExpressionIssue(part, 0, "must be a bool expression (true when "
                    + (part == ExpressionIssue.Part.RULE ? "the target complies" : "the policy applies")
                    + "), but it is of type " + typeName(type)));
            return null;
        }
        return ast;
    }

    private CelAbstractSyntaxTree check(Cel cel, Policy policy, ExpressionIssue.Part part, String text,
                                        List<ExpressionIssue> issues) {
        CelValidationResult result = cel.compile(text);
        if (!result.hasError()) {
            try {
                CelAbstractSyntaxTree ast = result.getAst();
                return checkPatterns(ast, ast.getExpr(), part, issues) ? ast : null;
            } catch (CelValidationException e) {
                issues.add(new ExpressionIssue(part, -1, e.getMessage()));
                return null;
            }
        }
        for (CelIssue issue : result.getErrors()) {
            issues.add(new ExpressionIssue(part, offset(text, issue.getSourceLocation()),
                    explain(issue.getMessage(), policy.target())));
        }
        return null;
    }

    /** Regular expressions written as constants are compiled now, so that a broken one is refused at load. */
    private static boolean checkPatterns(CelAbstractSyntaxTree ast, CelExpr expr, ExpressionIssue.Part part,
                                         List<ExpressionIssue> issues) {
        boolean ok = true;
        if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals("matches")
                && !expr.call().args().isEmpty()) {
            CelExpr pattern = expr.call().args().getLast();
            if (pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && pattern.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                try {
                    Regexes.compile(pattern.constant().stringValue());
                } catch (CelEvaluationException e) {
                    issues.add(new ExpressionIssue(part, ast.getSource().getPositionsMap().getOrDefault(pattern.id(), -1),
                            e.getMessage()));
                    ok = false;
                }
            }
        }
        for (CelExpr child : CelTrees.children(expr)) {
            ok &= checkPatterns(ast, child, part, issues);
        }
        return ok;
    }

    /** The message's template; the checked placeholders are added to {@code placeholders}. */
    private MessageTemplate template(Cel cel, Policy policy, List<ExpressionIssue> issues,
                                     List<CelAbstractSyntaxTree> placeholders) {
        List<ExpressionIssue> found = new ArrayList<>();
        List<Object> parts = new ArrayList<>();
        for (MessageTemplate.Segment segment : MessageTemplate.split(policy.message(), found)) {
            if (!segment.expression()) {
                parts.add(segment.text());
                continue;
            }
            List<ExpressionIssue> placeholderIssues = new ArrayList<>();
            CelAbstractSyntaxTree ast = segment.text().isEmpty() ? null
                    : check(cel, policy, ExpressionIssue.Part.MESSAGE, segment.text(), placeholderIssues);
            placeholderIssues.forEach(issue -> found.add(new ExpressionIssue(issue.part(),
                    issue.offset() < 0 ? segment.offset() : segment.offset() + issue.offset(),
                    "placeholder {{ " + segment.text() + " }}: " + issue.message())));
            if (ast != null) {
                placeholders.add(ast);
                parts.add(new MessageTemplate.Placeholder(segment.text(), program(cel, ast)));
            }
        }
        issues.addAll(found);
        return found.isEmpty() ? new MessageTemplate(parts) : null;
    }

    private static CelRuntime.Program program(Cel cel, CelAbstractSyntaxTree ast) {
        try {
            return cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("a checked expression could not be planned: " + e.getMessage(), e);
        }
    }

    /** A type as CEL writes it: {@code list(string)}, {@code map(string, dyn)}, {@code odcs.SchemaProperty}. */
    static String typeName(CelType type) {
        if (type.parameters().isEmpty()) {
            return type.name();
        }
        return type.name() + "(" + String.join(", ", type.parameters().stream().map(PolicyCompiler::typeName).toList())
                + ")";
    }

    /** The offset in {@code text} of a CEL location (line from 1, column from 0), or -1. */
    static int offset(String text, CelSourceLocation location) {
        if (location == null || location.getLine() < 1 || location.getColumn() < 0) {
            return -1;
        }
        int offset = 0;
        for (int line = 1; line < location.getLine(); line++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return -1;
            }
            offset = newline + 1;
        }
        return Math.min(text.length(), offset + location.getColumn());
    }

    /** CEL's message, with what the reader needs to fix it: which variables exist, which field was meant. */
    private String explain(String message, PolicyTarget target) {
        Matcher undeclared = UNDECLARED.matcher(message);
        if (undeclared.find()) {
            String name = undeclared.group(1);
            String available = String.join(", ", target.variables());
            if (allVariables.contains(name)) {
                return "`" + name + "` is not available for target " + target + "; its variables are " + available;
            }
            String nearest = Hints.nearest(name, target.variables());
            return "unknown variable `" + name + "`" + (nearest == null ? "" : "; did you mean `" + nearest + "`?")
                    + " (the variables of target " + target + " are " + available + ")";
        }
        Matcher undefined = UNDEFINED_FIELD.matcher(message);
        if (undefined.find()) {
            String nearest = Hints.nearest(undefined.group(1), environments.model().fieldNames());
            return "unknown field `" + undefined.group(1) + "`" + (nearest == null ? "" : "; did you mean `" + nearest + "`?");
        }
        // CEL's parser names the modulo operator in its lists of expected tokens as '%%', escaped for a format string
        return message.replace("'%%'", "'%'");
    }
}
