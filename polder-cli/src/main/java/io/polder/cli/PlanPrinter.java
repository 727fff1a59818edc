package io.polder.cli;

import io.polder.registry.apply.ChangeKind;
import io.polder.registry.apply.ObjectKind;
import io.polder.registry.apply.Plan;
import io.polder.registry.apply.PlanItem;
import io.polder.registry.governance.GovernanceReport;
import io.polder.registry.governance.PolicyCheck;
import io.polder.registry.governance.ProductPolicies;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints a plan per product: the domains, teams and policy files that change, then each product that changes
 * with its contracts below it, one line each ({@code + add}, {@code ~ change 1.2.0 -> 1.3.0}, {@code ! deprecate},
 * {@code - retire}, {@code x} refused by policy, with the reason), and a summary line. Then, when something
 * changes or a policy does not pass, the policies per product (a table of passed, warned, failed, errored and
 * exempted policies and the verdict) and every finding as {@code FILE:LINE:COLUMN: outcome: message [policy id]}.
 * A plan that changes nothing and on which every policy passes prints exactly {@code No changes.}
 */
final class PlanPrinter {
    private static final String CONTRACT_INDENT = "    ";

    private PlanPrinter() {
    }

    /** How the summary line reads. */
    enum Mode { PLAN, DRY_RUN, APPLIED }

    static void print(Plan plan, Mode mode, PrintWriter out) {
        print(plan, mode, out, "");
    }

    /** @param display the mesh folder as the user typed it, to name files as they are on disk */
    static void print(Plan plan, Mode mode, PrintWriter out, String display) {
        Set<String> refused = mode == Mode.APPLIED ? Set.copyOf(plan.governance().refused()) : Set.of();
        if (!plan.hasChanges()) {
            out.println("No changes.");
        } else {
            printChanges(plan, refused, out);
            out.println(summary(plan, mode, refused));
        }
        if (plan.hasChanges() || !allPass(plan.governance())) {
            printPolicies(plan.governance(), mode, out, display);
        }
        out.flush();
    }

    private static void printChanges(Plan plan, Set<String> refused, PrintWriter out) {
        plan.items().stream().filter(item -> item.kind() == ObjectKind.DOMAIN || item.kind() == ObjectKind.TEAM
                        || item.kind() == ObjectKind.POLICY_FILE)
                .filter(PlanItem::changes).forEach(item -> out.println(item.format()));
        List<PlanItem> products = plan.items(ObjectKind.PRODUCT);
        for (PlanItem product : products) {
            List<PlanItem> contracts = plan.items(ObjectKind.CONTRACT).stream()
                    .filter(contract -> product.id().equals(contract.productId())).filter(PlanItem::changes).toList();
            if (product.changes() || !contracts.isEmpty()) {
                out.println(refused.contains(product.id()) ? "x" + product.format().substring(1)
                        .replaceFirst(": ", ": refused by policy, not applied (") + ")" : product.format());
                contracts.forEach(contract -> out.println(CONTRACT_INDENT + contract.format()));
            }
        }
        Set<String> productIds = products.stream().map(PlanItem::id).collect(Collectors.toSet());
        plan.items(ObjectKind.CONTRACT).stream().filter(PlanItem::changes)
                .filter(contract -> !productIds.contains(contract.productId()))
                .forEach(contract -> out.println(contract.format()));
    }

    static String summary(Plan plan, Mode mode) {
        return summary(plan, mode, Set.of());
    }

    private static String summary(Plan plan, Mode mode, Set<String> refused) {
        Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
        plan.changes().stream().filter(item -> item.productId() == null || !refused.contains(item.productId()))
                .forEach(item -> counts.merge(item.change(), 1, Integer::sum));
        int add = counts.getOrDefault(ChangeKind.ADD, 0);
        int change = counts.getOrDefault(ChangeKind.CHANGE, 0);
        int deprecate = counts.getOrDefault(ChangeKind.DEPRECATE, 0);
        int retire = counts.getOrDefault(ChangeKind.RETIRE, 0);
        String refusedText = refused.isEmpty() ? "" : " Refused by policy: " + String.join(", ",
                plan.governance().refused()) + ".";
        return switch (mode) {
            case PLAN -> "Plan: " + add + " to add, " + change + " to change, " + deprecate + " to deprecate, "
                    + retire + " to retire.";
            case DRY_RUN -> "Dry run, nothing applied: " + add + " to add, " + change + " to change, " + deprecate
                    + " to deprecate, " + retire + " to retire.";
            case APPLIED -> "Applied: " + add + " added, " + change + " changed, " + deprecate + " deprecated, "
                    + retire + " retired." + refusedText;
        };
    }

    private static boolean allPass(GovernanceReport governance) {
        return governance.products().stream().flatMap(product -> product.policies().stream())
                .allMatch(check -> check.outcome().equals(PolicyCheck.PASS) || check.outcome().equals(PolicyCheck.NOT_APPLICABLE));
    }

    private static void printPolicies(GovernanceReport governance, Mode mode, PrintWriter out, String display) {
        if (governance.products().isEmpty()) {
            return;
        }
        out.println();
        out.println("Policies: " + governance.policies() + " in force" + (mode == Mode.APPLIED ? "" : " after the apply")
                + ", " + governance.products().size() + " products evaluated");
        Table table = new Table("PRODUCT", "DOMAIN", "PASSED", "WARNED", "FAILED", "ERRORS", "EXEMPTED", "VERDICT");
        for (ProductPolicies product : governance.products()) {
            table.row(product.product(), product.domain(), count(product, PolicyCheck.PASS), count(product, PolicyCheck.WARN),
                    count(product, PolicyCheck.FAIL), count(product, PolicyCheck.ERROR), count(product, PolicyCheck.EXEMPTED),
                    verdict(product, mode));
        }
        table.print(out);
        for (ProductPolicies product : governance.products()) {
            for (PolicyCheck check : product.policies()) {
                for (PolicyCheck.Finding finding : check.findings()) {
                    String file = finding.file().isEmpty() ? product.product() : MeshUpload.located(display, finding.file());
                    out.println(file + (finding.line() > 0 ? ":" + finding.line() + ":" + finding.column() : "") + ": "
                            + label(check, finding) + ": " + finding.message() + " [policy " + check.policy() + "]");
                }
            }
        }
    }

    private static String label(PolicyCheck check, PolicyCheck.Finding finding) {
        return switch (finding.outcome()) {
            case "failed" -> check.outcome().equals(PolicyCheck.FAIL) ? "fail" : check.severity();
            case "errored" -> check.severity().equals("error") ? "error (policy broken)" : "policy broken";
            default -> finding.outcome() + (finding.exemption() == null ? "" : " by " + finding.exemption());
        };
    }

    private static String count(ProductPolicies product, String outcome) {
        return String.valueOf(product.withOutcome(outcome).size());
    }

    private static String verdict(ProductPolicies product, Mode mode) {
        if (product.refused()) {
            return mode == Mode.APPLIED ? "refused" : "would be refused";
        }
        if (product.blocking()) {
            return "fails (unchanged)";
        }
        return product.withOutcome(PolicyCheck.WARN).isEmpty() ? "ok" : "ok, with warnings";
    }
}
