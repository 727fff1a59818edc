package io.polder.governance;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.polder.model.odps.DataProduct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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
    private static final Predicate<DataProduct> ALWAYS = product -> true;

    private ExpressionAnalysis() {
    }

    /** Whether the expression names no variable but product, domain, facts and now. */
    static boolean readsProductOnly(CelExpr expr, Set<String> declared) {
        Set<String> names = new HashSet<>();
        identifiers(expr, names);
        names.retainAll(declared);
        return PRODUCT_LEVEL.containsAll(names);
    }

    /** The guard implied by the top-level {@code &&} terms of {@code when} that test product fields. */
    static Predicate<DataProduct> guard(CelExpr when) {
        List<Predicate<DataProduct>> guards = new ArrayList<>();
        for (CelExpr term : conjuncts(when, new ArrayList<>())) {
            Predicate<DataProduct> guard = termGuard(term);
            if (guard != null) {
                guards.add(guard);
            }
        }
        return guards.stream().reduce(Predicate::and).orElse(ALWAYS);
    }

    static boolean isAlways(Predicate<DataProduct> guard) {
        return guard == ALWAYS;
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
    private static Predicate<DataProduct> termGuard(CelExpr term) {
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

    private static Predicate<DataProduct> equality(CelExpr left, CelExpr right, boolean equal) {
        Function<DataProduct, String> field = productField(left);
        String value = string(right);
        if (field == null || value == null) {
            field = productField(right);
            value = string(left);
        }
        if (field == null || value == null) {
            return null;
        }
        Function<DataProduct, String> read = field;
        String expected = value;
        // an absent field makes the CEL comparison an error, never true: the guard rejects it either way
        return equal ? product -> expected.equals(read.apply(product))
                : product -> read.apply(product) != null && !expected.equals(read.apply(product));
    }

    private static Predicate<DataProduct> membership(CelExpr element, CelExpr collection) {
        String tag = string(element);
        if (tag != null && isProductSelect(collection, "tags")) {
            return product -> product.tags() != null && product.tags().contains(tag);
        }
        Function<DataProduct, String> field = productField(element);
        if (field == null || collection.getKind() != CelExpr.ExprKind.Kind.LIST) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (CelExpr item : collection.list().elements()) {
            String value = string(item);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return product -> values.contains(field.apply(product));
    }

    /** A read of one of the product's string fields, or of the domain's id (the product's domain). */
    private static Function<DataProduct, String> productField(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.SELECT || expr.select().testOnly()
                || expr.select().operand().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        String variable = expr.select().operand().ident().name();
        String field = expr.select().field();
        if (variable.equals(Variables.DOMAIN) && field.equals("id")) {
            return product -> Objects.requireNonNullElse(product.domain(), "");
        }
        if (!variable.equals(Variables.PRODUCT)) {
            return null;
        }
        return switch (field) {
            case "id" -> DataProduct::id;
            case "name" -> DataProduct::name;
            case "version" -> DataProduct::version;
            case "status" -> DataProduct::status;
            case "domain" -> DataProduct::domain;
            case "tenant" -> DataProduct::tenant;
            default -> null;
        };
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
