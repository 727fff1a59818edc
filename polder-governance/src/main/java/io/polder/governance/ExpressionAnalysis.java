package io.polder.governance;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.polder.model.odps.DataProduct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the engine learns from a checked {@code when} expression to evaluate less: which variables it reads
 * (if only product-level ones, it is evaluated once per product instead of once per port, object or property)
 * and which conditions on the product it implies (a guard, tested in plain Java before anything is
 * evaluated). A guard is only ever a necessary condition: one of the top-level {@code &&} terms of
 * {@code when}, so skipping a product it rejects gives the answer evaluating {@code when} would have given.
 */
final class ExpressionAnalysis {
    private static final Set<String> PRODUCT_LEVEL = Set.of(Variables.PRODUCT, Variables.DOMAIN, Variables.FACTS,
            Variables.NOW);

    private ExpressionAnalysis() {
    }

    /** Whether the expression names no variable but product, domain, facts and now. */
    static boolean readsProductOnly(CelExpr expr, Set<String> declared) {
        Set<String> names = new HashSet<>();
        identifiers(expr, names);
        names.retainAll(declared);
        return PRODUCT_LEVEL.containsAll(names);
    }

    /**
     * Whether the expression names the identifier {@code name} anywhere (a comprehension variable of that name
     * counts too: the answer may say yes when it need not, never no when it should say yes).
     */
    static boolean names(CelExpr expr, String name) {
        Set<String> names = new HashSet<>();
        identifiers(expr, names);
        return names.contains(name);
    }

    /** The guard implied by the top-level {@code &&} terms of {@code when} that test product fields. */
    static Guard guard(CelExpr when) {
        Guard guard = Guard.ALWAYS;
        for (CelExpr term : conjuncts(when, new ArrayList<>())) {
            Guard found = termGuard(term);
            if (found != null) {
                guard = guard == Guard.ALWAYS ? found : guard.and(found);
            }
        }
        return guard;
    }

    private static List<CelExpr> conjuncts(CelExpr expr, List<CelExpr> terms) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals("_&&_")) {
            expr.call().args().forEach(arg -> conjuncts(arg, terms));
        } else {
            terms.add(expr);
        }
        return terms;
    }

    /** {@code product.F == 'v'}, {@code product.F != 'v'}, {@code product.F in ['a', 'b']}, {@code 'v' in product.tags}. */
    private static Guard termGuard(CelExpr term) {
        if (term.getKind() != CelExpr.ExprKind.Kind.CALL || term.call().args().size() != 2) {
            return null;
        }
        CelExpr left = term.call().args().get(0);
        CelExpr right = term.call().args().get(1);
        return switch (term.call().function()) {
            case "_==_" -> equality(left, right, true);
            case "_!=_" -> equality(left, right, false);
            case "@in" -> membership(left, right);
            default -> null;
        };
    }

    private static Guard equality(CelExpr left, CelExpr right, boolean equal) {
        String field = productField(left);
        String value = string(right);
        if (field == null || value == null) {
            field = productField(right);
            value = string(left);
        }
        if (field == null || value == null) {
            return null;
        }
        Function<DataProduct, String> read = Guard.FIELDS.get(field);
        String expected = value;
        // an absent field makes the CEL comparison an error, never true: the guard rejects it either way
        return equal ? new Guard(product -> expected.equals(read.apply(product)), field, Set.of(expected))
                : new Guard(product -> read.apply(product) != null && !expected.equals(read.apply(product)), null, Set.of());
    }

    private static Guard membership(CelExpr element, CelExpr collection) {
        String tag = string(element);
        if (tag != null && isProductSelect(collection, Guard.TAGS)) {
            return new Guard(product -> product.tags() != null && product.tags().contains(tag), Guard.TAGS, Set.of(tag));
        }
        String field = productField(element);
        if (field == null || collection.getKind() != CelExpr.ExprKind.Kind.LIST) {
            return null;
        }
        Set<String> values = new java.util.HashSet<>();
        for (CelExpr item : collection.list().elements()) {
            String value = string(item);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        Function<DataProduct, String> read = Guard.FIELDS.get(field);
        return new Guard(product -> values.contains(read.apply(product)), field, Set.copyOf(values));
    }

    /** Which of the product's string fields {@code expr} reads (the domain's id is the product's domain), or null. */
    private static String productField(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.SELECT || expr.select().testOnly()
                || expr.select().operand().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        String variable = expr.select().operand().ident().name();
        String field = expr.select().field();
        if (variable.equals(Variables.DOMAIN) && field.equals("id")) {
            return "domain";
        }
        return variable.equals(Variables.PRODUCT) && Guard.FIELDS.containsKey(field) ? field : null;
    }

    private static boolean isProductSelect(CelExpr expr, String field) {
        return expr.getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()
                && expr.select().field().equals(field)
                && expr.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                && expr.select().operand().ident().name().equals(Variables.PRODUCT);
    }

    private static String string(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE ? expr.constant().stringValue() : null;
    }

    private static void identifiers(CelExpr expr, Set<String> names) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            names.add(expr.ident().name());
        }
        CelTrees.children(expr).forEach(child -> identifiers(child, names));
    }
}
