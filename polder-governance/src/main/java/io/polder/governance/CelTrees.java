package io.polder.governance;

import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;

/** Walking checked CEL expressions. */
final class CelTrees {
    private CelTrees() {
    }

    /** The sub-expressions of {@code expr}, in source order. */
    static List<CelExpr> children(CelExpr expr) {
        List<CelExpr> children = new ArrayList<>();
        switch (expr.getKind()) {
            case SELECT -> children.add(expr.select().operand());
            case CALL -> {
                expr.call().target().ifPresent(children::add);
                children.addAll(expr.call().args());
            }
            case LIST -> children.addAll(expr.list().elements());
            case MAP -> expr.map().entries().forEach(entry -> {
                children.add(entry.key());
                children.add(entry.value());
            });
            case STRUCT -> expr.struct().entries().forEach(entry -> children.add(entry.value()));
            case COMPREHENSION -> children.addAll(List.of(expr.comprehension().iterRange(),
                    expr.comprehension().accuInit(), expr.comprehension().loopCondition(),
                    expr.comprehension().loopStep(), expr.comprehension().result()));
            default -> {
            }
        }
        return children;
    }
}
