package io.polder.cli;

import io.polder.registry.apply.ChangeKind;
import io.polder.registry.apply.ObjectKind;
import io.polder.registry.apply.Plan;
import io.polder.registry.apply.PlanItem;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints a plan per product: the domains and teams that change, then each product that changes with its
 * contracts below it, one line each ({@code + add}, {@code ~ change 1.2.0 -> 1.3.0}, {@code ! deprecate},
 * {@code - retire}, with the reason), and a summary line. A plan that changes nothing prints exactly
 * {@code No changes.}
 */
final class PlanPrinter {
    private static final String CONTRACT_INDENT = "    ";

    private PlanPrinter() {
    }

    /** How the summary line reads. */
    enum Mode { PLAN, DRY_RUN, APPLIED }

    static void print(Plan plan, Mode mode, PrintWriter out) {
        if (!plan.hasChanges()) {
            out.println("No changes.");
            out.flush();
            return;
        }
        plan.items().stream().filter(item -> item.kind() == ObjectKind.DOMAIN || item.kind() == ObjectKind.TEAM)
                .filter(PlanItem::changes).forEach(item -> out.println(item.format()));
        List<PlanItem> products = plan.items(ObjectKind.PRODUCT);
        for (PlanItem product : products) {
            List<PlanItem> contracts = plan.items(ObjectKind.CONTRACT).stream()
                    .filter(contract -> product.id().equals(contract.productId())).filter(PlanItem::changes).toList();
            if (product.changes() || !contracts.isEmpty()) {
                out.println(product.format());
                contracts.forEach(contract -> out.println(CONTRACT_INDENT + contract.format()));
            }
        }
        Set<String> productIds = products.stream().map(PlanItem::id).collect(Collectors.toSet());
        plan.items(ObjectKind.CONTRACT).stream().filter(PlanItem::changes)
                .filter(contract -> !productIds.contains(contract.productId()))
                .forEach(contract -> out.println(contract.format()));
        out.println(summary(plan, mode));
        out.flush();
    }

    static String summary(Plan plan, Mode mode) {
        Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
        plan.changes().forEach(item -> counts.merge(item.change(), 1, Integer::sum));
        int add = counts.getOrDefault(ChangeKind.ADD, 0);
        int change = counts.getOrDefault(ChangeKind.CHANGE, 0);
        int deprecate = counts.getOrDefault(ChangeKind.DEPRECATE, 0);
        int retire = counts.getOrDefault(ChangeKind.RETIRE, 0);
        return switch (mode) {
            case PLAN -> "Plan: " + add + " to add, " + change + " to change, " + deprecate + " to deprecate, "
                    + retire + " to retire.";
            case DRY_RUN -> "Dry run, nothing applied: " + add + " to add, " + change + " to change, " + deprecate
                    + " to deprecate, " + retire + " to retire.";
            case APPLIED -> "Applied: " + add + " added, " + change + " changed, " + deprecate + " deprecated, "
                    + retire + " retired.";
        };
    }
}
