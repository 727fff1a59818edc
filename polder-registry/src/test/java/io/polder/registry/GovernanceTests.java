package io.polder.registry;

import static io.polder.registry.ExampleMesh.withPolicyFile;
import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.Verdict;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.ChangeKind;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.ObjectKind;
import io.polder.registry.apply.Plan;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.governance.ComplianceReport;
import io.polder.registry.governance.ComplianceService;
import io.polder.registry.governance.PolicyCheck;
import io.polder.registry.governance.PolicyList;
import io.polder.registry.governance.PolicyPreview;
import io.polder.registry.governance.PolicyService;
import io.polder.registry.governance.PreviewRequest;
import io.polder.registry.governance.ProductPolicies;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policies in plan and apply, the policy set in force, preview and compliance: the registry compiles the
 * bundle's policy files itself, evaluates every product on plan and on apply, refuses per product what an
 * error-severity policy fails on, and keeps a compliance snapshot per apply.
 */
abstract class GovernanceTests extends RegistryTestBase {
    static final String SALES_ORDERS = "sales/sales-orders";
    static final String SHORT_PURPOSE = """
            description:
              purpose: Orders.
              usage: >-""";

    private final MeshBundle example = ExampleMesh.withPolicies();

    /** Applies {@code bundle} and waits for its compliance snapshot, so that each apply has its own. */
    private Plan apply(MeshBundle bundle) {
        Plan plan = registry.apply().apply(admin(), bundle, ApplyOptions.defaults());
        assertThat(registry.compliance().awaitRecorded(Duration.ofSeconds(60))).isTrue();
        return plan;
    }

    private Plan plan(MeshBundle bundle) {
        return registry.apply().plan(admin(), bundle, ApplyOptions.defaults());
    }

    /** sales-orders in a new version whose purpose is too short for product-has-description. */
    private MeshBundle undescribedSalesOrders(MeshBundle bundle) {
        return ExampleMesh.withProduct(bundle, SALES_ORDERS, text -> ExampleMesh.version("1.2.0", "1.3.0").apply(text)
                .replaceFirst("(?s)description:\n  purpose: >-\n.*?\n  usage: >-", SHORT_PURPOSE));
    }

    private List<AuditEvent> failedAudit() {
        return registry.audit().list(admin(), AuditFilter.all().withOutcome(AuditOutcome.FAILED),
                PageRequest.first(100)).items();
    }

    @Test
    void theExampleMeshPassesEveryPolicyAndItsPolicySetIsStored() {
        Plan planned = plan(example);
        assertThat(planned.governance().products()).hasSize(7).noneMatch(ProductPolicies::blocking);
        assertThat(planned.governance().policies()).isEqualTo(13);
        assertThat(planned.items(ObjectKind.POLICY_FILE)).hasSize(12).allMatch(item -> item.change() == ChangeKind.ADD);
        assertThat(planned.governance().products()).flatMap(ProductPolicies::policies)
                .extracting(PolicyCheck::outcome).containsOnly(PolicyCheck.PASS, PolicyCheck.NOT_APPLICABLE);
        assertThat(registry.policies().list(admin()).policies()).as("planning stores nothing").isEmpty();

        Plan applied = apply(example);
        assertThat(applied.governance().refused()).isEmpty();
        PolicyList list = registry.policies().list(Principal.consumer("reader"));
        assertThat(list.revision()).isEqualTo(1);
        assertThat(list.policies()).hasSize(13).anySatisfy(policy -> {
            assertThat(policy.id()).isEqualTo("customer-personal-data-retention");
            assertThat(policy.scope()).isEqualTo("customer");
            assertThat(policy.file()).isEqualTo("customer/policies/personal-data.yaml");
            assertThat(policy.line()).isPositive();
        });
        assertThat(plan(example).items(ObjectKind.POLICY_FILE)).as("the same files again change nothing").isEmpty();
        assertThat(plan(example).hasChanges()).isFalse();
    }

    @Test
    void oneProductsFindingsAreWhatEvaluatingTheWholeRegistrySaysOfIt() {
        apply(withPolicyFile(example, "policies/readers.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: no-reader-of-sales-orders
                version: 1.0.0
                target: product
                severity: warning
                rule: facts.dependencies.all(d, !has(d.product) || d.product != 'sales-orders')
                message: "{{ product.id }} reads sales-orders"
                """));
        PolicyService policies = registry.policies();
        List<Verdict> all = policies.evaluateCurrent(policies.inForce().policySet());
        assertThat(all).hasSize(7);
        for (Verdict verdict : all) {
            List<String> alone = policies.findings(verdict.product()).stream()
                    .map(line -> line.substring("policy ".length(), line.indexOf(' ', "policy ".length()))).sorted().toList();
            List<String> expected = java.util.stream.Stream.concat(verdict.failures().stream(), verdict.errors().stream())
                    .map(result -> result.policy().id()).sorted().toList();
            assertThat(alone).as(verdict.product()).isEqualTo(expected);
        }
        assertThat(policies.findings("sales-daily-revenue")).anySatisfy(line -> assertThat(line)
                .startsWith("policy no-reader-of-sales-orders (warning) warn: ")
                .endsWith("sales-daily-revenue reads sales-orders"));
        assertThat(policies.findings("sales-orders")).noneMatch(line -> line.contains("no-reader-of-sales-orders"));
        assertThat(policies.findings("no-such-product")).isEmpty();
    }

    @Test
    void aProductFailingAnErrorPolicyIsRefusedWithTheFixAndTheOthersGoThrough() {
        apply(example);
        MeshBundle bundle = ExampleMesh.withProduct(undescribedSalesOrders(example), "finance/finance-revenue-report",
                ExampleMesh.version("1.0.0", "1.0.1"));

        Plan planned = plan(bundle);
        assertThat(planned.governance().blocks()).isTrue();
        assertThat(planned.governance().refused()).containsExactly("sales-orders");
        ProductPolicies orders = planned.governance().blocked().getFirst();
        assertThat(orders.withOutcome(PolicyCheck.FAIL)).singleElement().satisfies(check -> {
            assertThat(check.policy()).isEqualTo("product-has-description");
            assertThat(check.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.message()).contains("write at least a sentence in description.purpose");
                assertThat(finding.file()).isEqualTo("sales/sales-orders/product.odps.yaml");
                assertThat(finding.line()).isPositive();
            });
        });

        Plan applied = apply(bundle);
        assertThat(applied.applied()).isTrue();
        assertThat(applied.governance().refused()).containsExactly("sales-orders");
        assertThat(registry.catalog().getProductSummary("sales-orders").currentVersion()).isEqualTo("1.2.0");
        assertThat(registry.catalog().getProductSummary("finance-revenue-report").currentVersion()).isEqualTo("1.0.1");
        assertThat(failedAudit()).anySatisfy(event -> {
            assertThat(event.target()).isEqualTo("product/sales-orders");
            assertThat(event.details()).containsEntry("policies", "product-has-description");
            assertThat(event.details().get("reason")).contains("refused by policy").contains("description.purpose");
        });
    }

    @Test
    void anExemptionLetsAProductThroughUntilItExpires() {
        apply(example);
        MeshBundle exempted = withPolicyFile(undescribedSalesOrders(example), "policies/exemptions/sales-orders.yaml", """
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: product-has-description
                product: sales-orders
                reason: The description is being rewritten with the order team.
                approver: governance@acme.example
                expires: 2026-02-01
                """);
        Plan planned = plan(exempted);
        assertThat(planned.governance().refused()).isEmpty();
        assertThat(planned.governance().products()).filteredOn(product -> product.product().equals("sales-orders"))
                .singleElement().satisfies(product -> assertThat(product.withOutcome(PolicyCheck.EXEMPTED)).singleElement()
                        .satisfies(check -> assertThat(check.findings().getFirst().exemption())
                                .contains("governance@acme.example").contains("2026-02-01")));

        clock.advance(Duration.ofDays(30)); // 2026-02-14: the exemption has expired
        Plan later = plan(exempted);
        assertThat(later.governance().refused()).containsExactly("sales-orders");
        assertThat(later.warnings()).anyMatch(warning -> warning.contains("expired on 2026-02-01"));
    }

    @Test
    void badPoliciesAreRefusedWithFileAndLineAndNothingIsWritten() {
        Map<String, String> rules = Map.of(
                "rule: product.id ==", "mismatched input",
                "rule: product.id + 1 == 2", "found no matching overload",
                "rule: produkt.id == 'x'", "produkt",
                "rule: product.id", "must be a bool",
                "rule: product.id != ''\nmessage: '{{ product.descripton.purpose }}'", "descripton");
        rules.forEach((rule, expected) -> {
            MeshBundle bundle = withPolicyFile(example, "policies/broken.yaml", """
                    apiVersion: polder/v1
                    kind: Policy
                    id: broken
                    version: 1.0.0
                    target: product
                    severity: error
                    """ + rule + (rule.contains("message") ? "\n" : "\nmessage: m\n"));
            PolderException refused = failure(() -> apply(bundle), ErrorCode.INVALID_DOCUMENT);
            assertThat(refused.getMessage()).as(rule).containsIgnoringCase(expected)
                    .contains("policies/broken.yaml:" + (rule.contains("message") ? 8 : 7) + ":");
            assertThat(refused.details().get("problems")).asList().isNotEmpty();
        });
        PolderException duplicate = failure(() -> apply(withPolicyFile(example, "policies/again.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: product-has-owner
                version: 1.0.0
                target: product
                severity: error
                rule: 'true'
                message: m
                """)), ErrorCode.INVALID_DOCUMENT);
        assertThat(duplicate.getMessage()).contains("policies/again.yaml:3:").contains("already declared at policies/ownership.yaml");
        PolderException noExpiry = failure(() -> apply(withPolicyFile(example, "policies/forever.yaml", """
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: product-has-owner
                product: sales-orders
                reason: forever
                approver: governance@acme.example
                """)), ErrorCode.INVALID_DOCUMENT);
        assertThat(noExpiry.getMessage()).contains("policies/forever.yaml:").contains("expires");
        assertThat(registry.catalog().listProducts(io.polder.registry.catalog.ProductFilter.all(), PageRequest.first())
                .items()).isEmpty();
        assertThat(registry.policies().list(admin()).files()).isEmpty();
        assertThat(failedAudit()).hasSizeGreaterThanOrEqualTo(rules.size() + 2);
    }

    @Test
    void aPolicyThatCannotBeEvaluatedBlocksWithAMessageSayingThePolicyIsBroken() {
        MeshBundle bundle = withPolicyFile(example, "policies/runaway.yaml",
                ExampleMesh.runawayPolicy("error", "m"));
        Plan planned = plan(bundle);
        assertThat(planned.governance().refused()).hasSize(7);
        assertThat(planned.governance().products().getFirst().withOutcome(PolicyCheck.ERROR)).singleElement()
                .satisfies(check -> assertThat(check.findings().getFirst().message())
                        .contains("policy runaway could not be evaluated").contains("policies/runaway.yaml:1:1")
                        .contains("must be fixed, or the product exempted"));
        Plan warningOnly = plan(withPolicyFile(example, "policies/runaway.yaml",
                ExampleMesh.runawayPolicy("warning", "m")));
        assertThat(warningOnly.governance().refused()).as("a broken warning policy blocks nothing").isEmpty();
    }

    @Test
    void policyFilesNeedTheRightRole() {
        apply(example);
        Principal salesOwner = Principal.domainOwner("sales-ci", "sales");
        MeshBundle changedGlobal = withPolicyFile(example, "policies/extra.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: extra
                version: 1.0.0
                target: product
                severity: error
                rule: 'true'
                message: m
                """);
        PolderException forbidden = failure(() -> registry.apply().apply(salesOwner, changedGlobal, ApplyOptions.defaults()),
                ErrorCode.FORBIDDEN);
        assertThat(forbidden.getMessage()).contains("apply-global-policies");
        MeshBundle salesPolicy = withPolicyFile(example, "sales/policies/orders.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: sales-extra
                version: 1.0.0
                target: product
                severity: error
                rule: 'true'
                message: m
                """);
        Plan applied = registry.apply().apply(salesOwner, salesPolicy, ApplyOptions.defaults());
        assertThat(applied.items(ObjectKind.POLICY_FILE)).singleElement()
                .satisfies(item -> assertThat(item.domain()).isEqualTo("sales"));
        assertThat(registry.policies().list(admin()).policies()).anyMatch(policy -> policy.id().equals("sales-extra"));
        failure(() -> registry.apply().apply(Principal.domainOwner("customer-ci", "customer"), example,
                ApplyOptions.defaults()), ErrorCode.FORBIDDEN);
    }

    @Test
    void theGovernanceGroupAppliesGlobalPoliciesButNoProduct() {
        apply(example);
        Principal governance = Principal.governance("governance-ci");
        MeshBundle changedGlobal = withPolicyFile(example, "policies/extra.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: governance-extra
                version: 1.0.0
                target: product
                severity: warning
                rule: 'true'
                message: m
                """);
        Plan applied = registry.apply().apply(governance, changedGlobal, ApplyOptions.defaults());
        assertThat(applied.items(ObjectKind.POLICY_FILE)).singleElement()
                .satisfies(item -> assertThat(item.domain()).isNull());
        assertThat(registry.policies().list(admin()).policies()).anyMatch(policy -> policy.id().equals("governance-extra"));

        MeshBundle domainPolicy = withPolicyFile(changedGlobal, "sales/policies/orders.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: sales-by-governance
                version: 1.0.0
                target: product
                severity: error
                rule: 'true'
                message: m
                """);
        assertThat(failure(() -> registry.apply().apply(governance, domainPolicy, ApplyOptions.defaults()),
                ErrorCode.FORBIDDEN).getMessage()).as("a domain's policies are its owner's").contains("apply-domain-policies");
        MeshBundle changedProduct = ExampleMesh.withProduct(changedGlobal, "sales/sales-orders",
                ExampleMesh.version("1.2.0", "1.3.0"));
        assertThat(failure(() -> registry.apply().apply(governance, changedProduct, ApplyOptions.defaults()),
                ErrorCode.FORBIDDEN).getMessage()).as("products are their domains'").contains("apply-product");
    }

    @Test
    void aBundleWithoutPoliciesIsEvaluatedAgainstThePoliciesInForce() {
        apply(example);
        MeshBundle withoutPolicies = new MeshBundle(example.meshYaml(), undescribedSalesOrders(example).products());
        Plan planned = plan(withoutPolicies);
        assertThat(planned.items(ObjectKind.POLICY_FILE)).isEmpty();
        assertThat(planned.governance().refused()).containsExactly("sales-orders");
    }

    @Test
    void aDeprecationInTheRegistryReachesTheConsumersPolicies() {
        apply(example);
        String etag = String.valueOf(registry.catalog().getProductSummary("customer-profiles").revision());
        registry.lifecycle().changeLifecycle(admin(), "customer-profiles", LifecycleStatus.DEPRECATED,
                LocalDate.parse("2026-12-31"), Long.parseLong(etag));
        Plan planned = plan(example);
        assertThat(planned.governance().blocked()).extracting(ProductPolicies::product).contains("customer-360");
        assertThat(planned.governance().refused()).as("an unchanged product is not refused, only reported").isEmpty();
        ProductPolicies consumer = planned.governance().blocked().stream()
                .filter(product -> product.product().equals("customer-360")).findFirst().orElseThrow();
        assertThat(consumer.withOutcome(PolicyCheck.FAIL)).singleElement().satisfies(check -> {
            assertThat(check.policy()).isEqualTo("no-deprecated-dependencies");
            assertThat(check.findings().getFirst().message()).contains("customer-profiles").contains("deprecated")
                    .contains("2026-12-31");
        });
    }

    @Test
    void previewSaysWhichCurrentProductsWouldFailANewRuleAndStoresNothing() {
        apply(example);
        PolicyPreview preview = registry.policies().preview(Principal.governance("gov"), new PreviewRequest(
                "policies/new-rule.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: products-are-tagged
                version: 1.0.0
                target: product
                severity: error
                when: product.domain == 'sales'
                rule: has(product.tags) && product.tags.exists(t, t == 'gold')
                message: product {{ product.id }} is not tagged gold
                """));
        assertThat(preview.products()).isEqualTo(7);
        assertThat(preview.policies()).singleElement().satisfies(policy -> {
            assertThat(policy.failing()).isEqualTo(2);
            assertThat(policy.passing()).as("the other domains' products are not applicable, not passing").isZero();
            assertThat(policy.notApplicable()).isEqualTo(5);
            assertThat(policy.replaces()).isFalse();
        });
        assertThat(preview.outcomes()).hasSize(7)
                .filteredOn(outcome -> !outcome.domain().equals("sales"))
                .extracting(PolicyPreview.ProductOutcome::outcome, PolicyPreview.ProductOutcome::reason)
                .containsOnly(tuple(PolicyCheck.NOT_APPLICABLE, "when"));
        assertThat(preview.outcomes()).filteredOn(outcome -> outcome.domain().equals("sales"))
                .extracting(PolicyPreview.ProductOutcome::outcome).containsExactly(PolicyCheck.FAIL, PolicyCheck.FAIL);
        assertThat(preview.affected()).extracting(ProductPolicies::product)
                .containsExactlyInAnyOrder("sales-orders", "sales-daily-revenue");
        assertThat(registry.policies().list(admin()).policies()).noneMatch(policy -> policy.id().equals("products-are-tagged"));
        PolderException broken = failure(() -> registry.policies().preview(Principal.governance("gov"),
                new PreviewRequest("policies/new-rule.yaml", "apiVersion: polder/v1\nkind: Policy\nid: x\nversion: 1.0.0\n"
                        + "target: product\nseverity: error\nrule: product.nope\nmessage: m\n")), ErrorCode.INVALID_DOCUMENT);
        assertThat(broken.getMessage()).contains("policies/new-rule.yaml:7:");
        failure(() -> registry.policies().preview(Principal.consumer("reader"), new PreviewRequest(null, "x: 1")),
                ErrorCode.FORBIDDEN);
    }

    @Test
    void previewCountsTheProductsOfOtherDomainsAsNotApplicableToADomainPolicy() {
        apply(example);
        PolicyPreview preview = registry.policies().preview(Principal.governance("gov"), new PreviewRequest(
                "customer/policies/described.yaml", """
                apiVersion: polder/v1
                kind: Policy
                id: customer-products-are-described
                version: 1.0.0
                target: product
                severity: warning
                rule: has(product.description)
                message: product {{ product.id }} has no description
                """));
        assertThat(preview.policies()).singleElement().satisfies(policy -> {
            assertThat(policy.scope()).isEqualTo("customer");
            assertThat(policy.passing()).isEqualTo(2);
            assertThat(policy.notApplicable()).isEqualTo(5);
            assertThat(policy.failing() + policy.warning() + policy.erroring() + policy.exempted()).isZero();
        });
        assertThat(preview.outcomes())
                .extracting(PolicyPreview.ProductOutcome::domain, PolicyPreview.ProductOutcome::outcome,
                        PolicyPreview.ProductOutcome::reason)
                .containsOnly(tuple("customer", PolicyCheck.PASS, null), tuple("sales", PolicyCheck.NOT_APPLICABLE, "scope"),
                        tuple("logistics", PolicyCheck.NOT_APPLICABLE, "scope"),
                        tuple("finance", PolicyCheck.NOT_APPLICABLE, "scope"));
        assertThat(preview.affected()).isEmpty();
    }

    @Test
    void complianceCountsPerDomainAndPolicyAndKeepsASnapshotPerApply() {
        apply(example);
        apply(undescribedSalesOrders(example)); // refused, so the registry still holds 1.2.0: still compliant
        ComplianceReport report = registry.compliance().report(Principal.consumer("reader"), null);
        assertThat(report.total().products()).isEqualTo(7);
        assertThat(report.total().counts().passRate()).isEqualTo(1.0);
        assertThat(report.domains()).extracting(ComplianceReport.DomainCompliance::domain)
                .containsExactlyInAnyOrder("sales", "customer", "finance", "logistics");
        assertThat(report.history()).hasSize(2).allMatch(snapshot -> snapshot.cause().equals("apply"));

        String etag = String.valueOf(registry.catalog().getProductSummary("customer-profiles").revision());
        registry.lifecycle().changeLifecycle(admin(), "customer-profiles", LifecycleStatus.DEPRECATED,
                LocalDate.parse("2026-12-31"), Long.parseLong(etag));
        ComplianceReport recorded = registry.compliance().record(Principal.governance("gov"));
        assertThat(recorded.total().blockedProducts()).isEqualTo(1);
        assertThat(recorded.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.product()).isEqualTo("customer-360");
            assertThat(failure.policy()).isEqualTo("no-deprecated-dependencies");
            assertThat(failure.file()).isEqualTo("customer/customer-360/product.odps.yaml");
        });
        assertThat(recorded.policyRates()).filteredOn(rate -> rate.policy().equals("no-deprecated-dependencies"))
                .singleElement().satisfies(rate -> assertThat(rate.failingProducts()).isEqualTo(1));
        ComplianceReport customer = registry.compliance().report(Principal.consumer("reader"), "customer");
        assertThat(customer.domains()).singleElement().satisfies(domain -> assertThat(domain.blockedProducts()).isEqualTo(1));
        assertThat(customer.history()).hasSize(3).last().satisfies(snapshot -> {
            assertThat(snapshot.cause()).isEqualTo("on-demand");
            assertThat(snapshot.blockedProducts()).isEqualTo(1);
            assertThat(snapshot.counts().passRate()).isLessThan(1.0);
        });
        failure(() -> registry.compliance().record(Principal.consumer("reader")), ErrorCode.FORBIDDEN);
        failure(() -> registry.compliance().report(admin(), "nowhere"), ErrorCode.NOT_FOUND);
        failure(() -> registry.compliance().report(admin(), "../x"), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void theSnapshotOfAnApplyIsRecordedAfterItReturnsAndReadingWaitsForIt() {
        Plan applied = registry.apply().apply(Principal.platformAdmin("ci-bot"), example, ApplyOptions.defaults());
        assertThat(applied.hasChanges()).isTrue();
        ComplianceReport report = registry.compliance().report(Principal.consumer("reader"), null);
        assertThat(report.history()).as("a read holds the snapshots of the applies before it").singleElement()
                .satisfies(snapshot -> {
                    assertThat(snapshot.cause()).isEqualTo(ComplianceService.AFTER_APPLY);
                    assertThat(snapshot.principal()).isEqualTo("ci-bot");
                    assertThat(snapshot.products()).isEqualTo(7);
                });
        for (int i = 0; i < 5; i++) {
            registry.apply().apply(admin(), example, ApplyOptions.defaults()); // unchanged: a snapshot each still
        }
        assertThat(registry.compliance().awaitRecorded(Duration.ofSeconds(60))).isTrue();
        int recorded = registry.compliance().report(admin(), null).history().size();
        assertThat(recorded).as("applies waiting together share a snapshot, none is lost").isBetween(2, 6);
        registry.compliance().close(Duration.ofSeconds(60));
        registry.apply().apply(admin(), example, ApplyOptions.defaults()); // closing: logged, the apply still succeeds
    }

    @Test
    void aContractChangeThatBreaksConsumersNeedsANewMajorVersion() {
        apply(example);
        MeshBundle removed = salesOrdersContract(example, "1.3.0", text -> text.replaceAll(
                "(?s)\n      - id: shipping_country_code\n.*?(?=\n      - id: )", ""));
        Plan refused = registry.apply().apply(admin(), removed, ApplyOptions.defaults());
        assertThat(refused.governance().refused()).containsExactly("sales-orders");
        String findings = refused.governance().products().toString();
        assertThat(findings).contains("breaking-change-needs-major-version",
                "contract sales-orders-orders changes in a way that breaks its consumers, but version 1.3.0 keeps the"
                        + " major version of the published 1.2.0: release it as 2.0.0");
        assertThat(registry.catalog().getProductSummary("sales-orders").currentVersion()).isEqualTo("1.2.0");

        MeshBundle added = salesOrdersContract(example, "1.3.0", text -> text.replace("      - id: shipping_country_code\n",
                "      - id: gift_wrapped\n        name: gift_wrapped\n        logicalType: boolean\n"
                        + "        physicalType: boolean\n        classification: public\n"
                        + "      - id: shipping_country_code\n"));
        Plan applied = registry.apply().apply(admin(), added, ApplyOptions.defaults());
        assertThat(applied.governance().refused()).as("a column added breaks no query").isEmpty();
        assertThat(registry.catalog().getProductSummary("sales-orders").currentVersion()).isEqualTo("1.3.0");
    }

    /**
     * Only sales-orders (its consumers' input ports name the old version), at {@code version}, its orders contract
     * (and port) at the same version, edited by {@code edit}.
     */
    private static MeshBundle salesOrdersContract(MeshBundle bundle, String version,
                                                  java.util.function.UnaryOperator<String> edit) {
        List<MeshBundle.BundleProduct> salesOrders = bundle.products().stream()
                .filter(product -> product.path().equals("sales/sales-orders"))
                .map(product -> new MeshBundle.BundleProduct(product.path(),
                        product.productYaml().replace("version: 1.2.0", "version: " + version),
                        product.contracts().stream().map(file -> !file.name().equals("orders.odcs.yaml") ? file
                                : new MeshBundle.BundleFile(file.name(), edit.apply(file.text()
                                .replace("version: 1.2.0\nstatus", "version: " + version + "\nstatus")))).toList(),
                        product.settingsYaml(), product.buildFiles()))
                .toList();
        return new MeshBundle(bundle.meshYaml(), salesOrders, bundle.policies());
    }

    @Test
    void withoutPoliciesComplianceCountsTheProductsPerDomain() {
        Plan planned = registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        assertThat(planned.governance().policies()).isZero();
        assertThat(planned.governance().products()).as("no policy, nothing evaluated").isEmpty();
        ComplianceReport report = registry.compliance().report(admin(), null);
        assertThat(report.policies()).isZero();
        assertThat(report.total().products()).isEqualTo(7);
        assertThat(report.domains()).extracting(ComplianceReport.DomainCompliance::domain)
                .containsExactly("customer", "finance", "logistics", "sales");
        assertThat(report.total().counts().passRate()).isEqualTo(1.0);
        assertThat(report.history()).singleElement().satisfies(snapshot -> assertThat(snapshot.products()).isEqualTo(7));
        assertThat(registry.compliance().report(admin(), "sales").total().products()).isEqualTo(2);
    }
}
