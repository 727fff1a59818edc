package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.apply.ChangeKind;
import io.polder.registry.apply.ObjectKind;
import io.polder.registry.apply.Plan;
import io.polder.registry.apply.PlanItem;
import io.polder.registry.governance.GovernanceReport;
import io.polder.registry.governance.PolicyCheck;
import io.polder.registry.governance.ProductPolicies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {
    @Test
    void nothingToDoPrintsExactlyNoChanges() {
        Plan plan = new Plan(List.of(item(ObjectKind.PRODUCT, "sales-orders", "sales-orders", ChangeKind.UNCHANGED,
                "1.2.0", "1.2.0", "unchanged")), List.of(), false);
        assertThat(print(plan, PlanPrinter.Mode.PLAN)).isEqualTo("No changes.\n");
    }

    @Test
    void changesAreGroupedPerProductWithTheirContracts() {
        Plan plan = new Plan(List.of(
                item(ObjectKind.DOMAIN, "sales", null, ChangeKind.ADD, null, null, "new domain"),
                item(ObjectKind.TEAM, "sales-team", null, ChangeKind.UNCHANGED, null, null, "unchanged"),
                item(ObjectKind.PRODUCT, "sales-orders", "sales-orders", ChangeKind.CHANGE, "1.2.0", "1.3.0", "new version"),
                item(ObjectKind.PRODUCT, "sales-stable", "sales-stable", ChangeKind.UNCHANGED, "1.0.0", "1.0.0", "unchanged"),
                item(ObjectKind.PRODUCT, "sales-old", "sales-old", ChangeKind.RETIRE, "2.0.0", null, "no longer declared"),
                item(ObjectKind.CONTRACT, "orders", "sales-orders", ChangeKind.ADD, null, "1.0.0", "new contract"),
                item(ObjectKind.CONTRACT, "stable", "sales-stable", ChangeKind.UNCHANGED, "1.0.0", "1.0.0", "unchanged")),
                List.of(), false);
        assertThat(print(plan, PlanPrinter.Mode.PLAN)).isEqualTo("""
                + domain sales: new domain
                ~ product sales-orders 1.2.0 -> 1.3.0: new version
                    + contract orders 1.0.0: new contract
                - product sales-old 2.0.0: no longer declared
                Plan: 2 to add, 1 to change, 0 to deprecate, 1 to retire.
                """);
        assertThat(print(plan, PlanPrinter.Mode.APPLIED)).endsWith("Applied: 2 added, 1 changed, 0 deprecated, 1 retired.\n");
        assertThat(print(plan, PlanPrinter.Mode.DRY_RUN)).endsWith("Dry run, nothing applied: 2 to add, 1 to change,"
                + " 0 to deprecate, 1 to retire.\n");
    }

    @Test
    void aChangedContractShowsItsUnchangedProduct() {
        Plan plan = new Plan(List.of(
                item(ObjectKind.PRODUCT, "p", "p", ChangeKind.UNCHANGED, "1.0.0", "1.0.0", "unchanged"),
                item(ObjectKind.CONTRACT, "c", "p", ChangeKind.DEPRECATE, "1.0.0", "1.1.0", "declared deprecated")),
                List.of(), false);
        assertThat(print(plan, PlanPrinter.Mode.PLAN)).startsWith("""
                = product p 1.0.0: unchanged
                    ! contract c 1.0.0 -> 1.1.0: declared deprecated
                """);
    }

    @Test
    void policiesPerProductWithTheRefusedOnesLeftOutOfTheCounts() {
        PolicyCheck.Finding finding = new PolicyCheck.Finding("failed", "product sales-orders",
                "product sales-orders does not say what it is for", "sales/sales-orders/product.odps.yaml", 1, 1, "", null);
        GovernanceReport governance = new GovernanceReport("abc", 2, List.of(
                new ProductPolicies("sales-orders", "sales", true, true, List.of(
                        new PolicyCheck("product-has-owner", "error", PolicyCheck.PASS, List.of()),
                        new PolicyCheck("product-has-description", "error", PolicyCheck.FAIL, List.of(finding)))),
                new ProductPolicies("sales-stable", "sales", false, false, List.of(
                        new PolicyCheck("product-has-owner", "error", PolicyCheck.PASS, List.of()),
                        new PolicyCheck("product-has-description", "error", PolicyCheck.PASS, List.of())))),
                List.of("sales-orders"));
        Plan plan = new Plan(List.of(
                item(ObjectKind.PRODUCT, "sales-orders", "sales-orders", ChangeKind.CHANGE, "1.2.0", "1.3.0", "new version"),
                item(ObjectKind.CONTRACT, "orders", "sales-orders", ChangeKind.CHANGE, "1.2.0", "1.3.0", "new version"),
                item(ObjectKind.PRODUCT, "sales-stable", "sales-stable", ChangeKind.CHANGE, "1.0.0", "1.0.1", "new version")),
                List.of(), true, governance);
        String applied = print(plan, PlanPrinter.Mode.APPLIED, "mesh");
        assertThat(applied).startsWith("""
                x product sales-orders 1.2.0 -> 1.3.0: refused by policy, not applied (new version)
                    ~ contract orders 1.2.0 -> 1.3.0: new version
                ~ product sales-stable 1.0.0 -> 1.0.1: new version
                Applied: 0 added, 1 changed, 0 deprecated, 0 retired. Refused by policy: sales-orders.

                Policies: 2 in force, 2 products evaluated
                """).containsPattern("(?m)^sales-orders +sales +1 +0 +1 +0 +0 +refused$")
                .containsPattern("(?m)^sales-stable +sales +2 +0 +0 +0 +0 +ok$")
                .endsWith("mesh/sales/sales-orders/product.odps.yaml:1:1: fail: product sales-orders does not say what"
                        + " it is for [policy product-has-description]\n");
        assertThat(print(plan, PlanPrinter.Mode.PLAN, "mesh")).contains("Plan: 0 to add, 3 to change")
                .containsPattern("(?m)^sales-orders +sales +1 +0 +1 +0 +0 +would be refused$");
        Plan unchanged = new Plan(List.of(item(ObjectKind.PRODUCT, "sales-stable", "sales-stable", ChangeKind.UNCHANGED,
                "1.0.0", "1.0.0", "unchanged")), List.of(), false, new GovernanceReport("abc", 2,
                List.of(governance.products().getLast()), List.of()));
        assertThat(print(unchanged, PlanPrinter.Mode.PLAN, "mesh")).isEqualTo("No changes.\n");
    }

    private static PlanItem item(ObjectKind kind, String id, String productId, ChangeKind change, String from,
                                 String to, String reason) {
        return new PlanItem(kind, id, productId, "sales", change, from, to, reason);
    }

    private static String print(Plan plan, PlanPrinter.Mode mode) {
        return print(plan, mode, "");
    }

    private static String print(Plan plan, PlanPrinter.Mode mode, String display) {
        StringWriter text = new StringWriter();
        PlanPrinter.print(plan, mode, new PrintWriter(text), display);
        return text.toString();
    }
}
