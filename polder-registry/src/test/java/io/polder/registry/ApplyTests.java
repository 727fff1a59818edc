package io.polder.registry;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.ChangeKind;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.ObjectKind;
import io.polder.registry.apply.Plan;
import io.polder.registry.apply.PlanItem;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.ProductDetail;
import io.polder.registry.catalog.ProductFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plan and apply: the example flow, idempotence, immutable versions, concurrency, authorization, prune. */
abstract class ApplyTests extends RegistryTestBase {
    static final String SALES_ORDERS = "sales/sales-orders";
    static final String FINANCE_REPORT = "finance/finance-revenue-report";

    private final MeshBundle example = ExampleMesh.bundle();

    private Plan apply(MeshBundle bundle) {
        return registry.apply().apply(admin(), bundle, ApplyOptions.defaults());
    }

    private Plan plan(MeshBundle bundle) {
        return registry.apply().plan(admin(), bundle, ApplyOptions.defaults());
    }

    private long rows(String table) {
        return registry.database().read(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    private MeshBundle salesOrdersBumped() {
        return ExampleMesh.withProduct(example, SALES_ORDERS, ExampleMesh.version("1.2.0", "1.3.0"));
    }

    @Test
    void theExampleFlowAddsEverythingThenChangesNothingThenOneVersion() {
        Plan first = plan(example);
        assertThat(first.applied()).isFalse();
        assertThat(first.items()).allMatch(item -> item.change() == ChangeKind.ADD);
        assertThat(first.items(ObjectKind.DOMAIN)).hasSize(4);
        assertThat(first.items(ObjectKind.TEAM)).hasSize(6);
        assertThat(first.items(ObjectKind.PRODUCT)).hasSize(7);
        assertThat(first.items(ObjectKind.CONTRACT)).hasSize(8);
        assertThat(rows("products")).as("planning stores nothing").isZero();

        Plan applied = apply(example);
        assertThat(applied.applied()).isTrue();
        assertThat(applied.summary()).endsWith("25 changes applied.");
        assertThat(rows("products")).isEqualTo(7);

        Plan again = plan(example);
        assertThat(again.hasChanges()).isFalse();
        assertThat(again.summary()).isEqualTo("No changes.");
        assertThat(again.items()).hasSize(25).allMatch(item -> item.change() == ChangeKind.UNCHANGED);

        MeshBundle bumped = salesOrdersBumped();
        Plan change = plan(bumped);
        assertThat(change.changes()).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(ObjectKind.PRODUCT);
            assertThat(item.id()).isEqualTo("sales-orders");
            assertThat(item.change()).isEqualTo(ChangeKind.CHANGE);
            assertThat(item.fromVersion()).isEqualTo("1.2.0");
            assertThat(item.toVersion()).isEqualTo("1.3.0");
            assertThat(item.reason()).contains("new version");
        });
        assertThat(change.summary()).startsWith("~ product sales-orders 1.2.0 -> 1.3.0: new version");

        apply(bumped);
        ProductDetail detail = registry.catalog().getProduct("sales-orders");
        assertThat(detail.product().currentVersion()).isEqualTo("1.3.0");
        assertThat(detail.product().revision()).isEqualTo(2);
        assertThat(detail.versions()).extracting(version -> version.version()).containsExactly("1.3.0", "1.2.0");
        assertThat(plan(bumped).hasChanges()).isFalse();
    }

    @Test
    void applyingTheSameBundleTwiceChangesNothing() {
        apply(example);
        long events = rows("audit_events");
        Plan second = apply(example);
        assertThat(second.hasChanges()).isFalse();
        assertThat(second.summary()).isEqualTo("No changes.");
        assertThat(rows("audit_events")).isEqualTo(events);
        assertThat(registry.catalog().getProductSummary("sales-orders").revision()).isEqualTo(1);
    }

    @Test
    void documentsAreStoredExactlyAsSubmittedWithTheirParsedForm() {
        apply(example);
        var version = registry.catalog().getProductVersion("sales-orders", "1.2.0");
        String submitted = example.products().stream().filter(p -> p.path().equals(SALES_ORDERS)).findFirst()
                .orElseThrow().productYaml();
        assertThat(version.document().text()).isEqualTo(submitted);
        assertThat(version.document().json()).startsWith("{\"apiVersion\":\"v1.0.0\",\"kind\":\"DataProduct\"");
        assertThat(version.document().digest()).hasSize(64);
        assertThat(version.version().sourcePath()).isEqualTo("sales/sales-orders/product.odps.yaml");
        assertThat(version.ports()).extracting(port -> port.name()).containsExactly("orders");
        var contract = registry.catalog().getContractVersion("sales-orders-orders", "1.2.0");
        assertThat(contract.document().text()).startsWith("apiVersion: v3.1.0");
    }

    @Test
    void aPublishedVersionCannotChangeButMayBeReformatted() {
        apply(example);
        MeshBundle edited = ExampleMesh.withProduct(example, SALES_ORDERS,
                text -> text.replace("refreshed every hour", "refreshed every minute"));
        PolderException conflict = failure(() -> apply(edited), ErrorCode.CONFLICT);
        assertThat(conflict.getMessage()).contains("version 1.2.0 of product 'sales-orders' is already published"
                + " with other content");
        failure(() -> plan(edited), ErrorCode.CONFLICT);
        assertThat(registry.catalog().getProduct("sales-orders").versions()).hasSize(1);
        assertThat(registry.audit().list(admin(), AuditFilter.all().withOutcome(AuditOutcome.FAILED),
                PageRequest.first()).items()).isNotEmpty();

        MeshBundle commented = ExampleMesh.withProduct(example, SALES_ORDERS, text -> "# a comment\n" + text);
        assertThat(plan(commented).hasChanges()).as("a comment does not change the content").isFalse();
    }

    @Test
    void aChangedContractVersionIsRefusedToo() {
        apply(example);
        MeshBundle edited = new MeshBundle(example.meshYaml(), example.products().stream()
                .map(product -> !product.path().equals(SALES_ORDERS) ? product
                        : new MeshBundle.BundleProduct(product.path(), product.productYaml(), product.contracts().stream()
                                .map(file -> new MeshBundle.BundleFile(file.name(), file.text()
                                        .replace("One row per order.", "One row per order, really.")))
                                .toList()))
                .toList());
        assertThat(failure(() -> apply(edited), ErrorCode.CONFLICT).getMessage())
                .contains("contract 'sales-orders-orders'");
    }

    @Test
    void aDomainOwnerChangesItsOwnDomainOnly() {
        apply(example);
        Principal salesOwner = Principal.domainOwner("ci-sales", "sales");
        Plan own = registry.apply().apply(salesOwner, salesOrdersBumped(), ApplyOptions.defaults());
        assertThat(own.changes()).hasSize(1);

        MeshBundle finance = ExampleMesh.withProduct(example, FINANCE_REPORT, ExampleMesh.version("1.0.0", "1.1.0"));
        PolderException refused = failure(() -> registry.apply().apply(salesOwner, finance, ApplyOptions.defaults()),
                ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("apply-product in domain 'finance' needs platform-admin or"
                + " domain-owner of 'finance'");
        failure(() -> registry.apply().plan(salesOwner, finance, ApplyOptions.defaults()), ErrorCode.FORBIDDEN);
        assertThat(registry.catalog().getProductSummary("finance-revenue-report").currentVersion()).isEqualTo("1.0.0");
        assertThat(registry.audit().list(admin(), AuditFilter.all().withPrincipal("ci-sales")
                .withOutcome(AuditOutcome.DENIED), PageRequest.first()).items())
                .extracting(event -> event.target()).contains("product/finance-revenue-report");
    }

    @Test
    void aDomainOwnerCannotMoveAProductIntoItsDomain() {
        apply(example);
        MeshBundle moved = ExampleMesh.withProduct(example, FINANCE_REPORT, text -> ExampleMesh.version("1.0.0", "1.1.0")
                .apply(text).replace("domain: finance", "domain: sales")
                .replace("name: finance-controlling-team", "name: sales-analytics-team"));
        Principal salesOwner = Principal.domainOwner("ci-sales", "sales");
        failure(() -> registry.apply().apply(salesOwner, moved, ApplyOptions.defaults()), ErrorCode.FORBIDDEN);
        assertThat(registry.catalog().getProductSummary("finance-revenue-report").domain()).isEqualTo("finance");

        Plan byAdmin = apply(moved);
        assertThat(byAdmin.item(ObjectKind.PRODUCT, "finance-revenue-report").orElseThrow().reason())
                .contains("moves from domain 'finance' to 'sales'");
        assertThat(registry.catalog().getProductSummary("finance-revenue-report").domain()).isEqualTo("sales");
    }

    @Test
    void onlyAPlatformAdminChangesDomainsAndTeams() {
        for (Principal principal : List.of(Principal.domainOwner("o", "sales"), Principal.governance("g"),
                Principal.member("m", "sales-order-team"), Principal.consumer("c"))) {
            PolderException refused = failure(() -> registry.apply().apply(principal, example, ApplyOptions.defaults()),
                    ErrorCode.FORBIDDEN);
            assertThat(refused.getMessage()).contains("needs platform-admin");
        }
        assertThat(rows("domains") + rows("products") + rows("teams")).isZero();
    }

    @Test
    void pruneRetiresWhatTheMeshNoLongerDeclares() {
        apply(example);
        MeshBundle smaller = ExampleMesh.without(example, FINANCE_REPORT);
        assertThat(plan(smaller).hasChanges()).as("without prune, a missing product is left alone").isFalse();
        Plan pruned = registry.apply().apply(admin(), smaller, ApplyOptions.defaults().withPrune());
        PlanItem retire = pruned.changes().getFirst();
        assertThat(retire.change()).isEqualTo(ChangeKind.RETIRE);
        assertThat(retire.id()).isEqualTo("finance-revenue-report");
        assertThat(retire.reason()).contains("no longer declared");
        assertThat(registry.catalog().getProductSummary("finance-revenue-report").status())
                .isEqualTo(LifecycleStatus.RETIRED);
        assertThat(registry.apply().apply(admin(), smaller, ApplyOptions.defaults().withPrune()).hasChanges()).isFalse();
        assertThat(failure(() -> apply(example), ErrorCode.CONFLICT).getMessage()).contains("is retired");
    }

    @Test
    void dryRunChangesNothing() {
        Plan dryRun = registry.apply().apply(admin(), example, ApplyOptions.dryRunOnly());
        assertThat(dryRun.applied()).isFalse();
        assertThat(dryRun.hasChanges()).isTrue();
        assertThat(rows("domains") + rows("products") + rows("audit_events")).isZero();
    }

    @Test
    void aSelectedProductTheFolderDoesNotDeclareIsNotFoundNotAConflict() {
        PolderException missing = failure(() -> registry.apply().apply(admin(), example,
                ApplyOptions.only("sales-ordres")), ErrorCode.NOT_FOUND);
        assertThat(missing.getMessage()).isEqualTo("product 'sales-ordres' is not declared in this folder; it declares"
                + " customer-360, customer-profiles, finance-revenue-report, logistics-delivery-performance,"
                + " logistics-shipments, sales-daily-revenue, sales-orders; did you mean 'sales-orders'?");
        assertThat(failure(() -> registry.apply().plan(admin(), example, ApplyOptions.only("nosuch")),
                ErrorCode.NOT_FOUND).getMessage()).startsWith("product 'nosuch' is not declared in this folder;")
                .doesNotContain("did you mean");
        assertThat(rows("products")).isZero();
    }

    @Test
    void oneProductCanBeAppliedAloneOnceItsDomainExists() {
        failure(() -> registry.apply().apply(admin(), example, ApplyOptions.only("sales-orders")), ErrorCode.CONFLICT);
        apply(example);
        MeshBundle bumped = ExampleMesh.withProduct(salesOrdersBumped(), FINANCE_REPORT,
                ExampleMesh.version("1.0.0", "1.1.0"));
        Plan one = registry.apply().apply(admin(), bumped, ApplyOptions.only("sales-orders"));
        assertThat(one.items()).extracting(PlanItem::id).containsExactly("sales-orders", "sales-orders-orders");
        assertThat(registry.catalog().getProductSummary("finance-revenue-report").currentVersion()).isEqualTo("1.0.0");
    }

    @Test
    void invalidDocumentsAreReportedWithTheirPlaceAndNothingIsStored() {
        MeshBundle broken = ExampleMesh.withProduct(example, SALES_ORDERS,
                text -> text.replace("kind: DataProduct", "kind: DataProduct\nunknownField: 1"));
        PolderException invalid = failure(() -> apply(broken), ErrorCode.INVALID_DOCUMENT);
        assertThat(invalid.getMessage()).contains("sales/sales-orders/product.odps.yaml:");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) invalid.details().get("problems");
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.get("file")).isEqualTo("sales/sales-orders/product.odps.yaml");
            assertThat(problem.get("line")).isEqualTo(3);
            assertThat((String) problem.get("message")).contains("unknownField");
        });
        assertThat(rows("domains") + rows("products")).isZero();
    }

    @Test
    void aMistypedStatusIsRefusedNotPlannedAsDraft() {
        MeshBundle typo = ExampleMesh.withProduct(example, SALES_ORDERS,
                text -> text.replace("status: active", "status: actve"));
        PolderException invalid = failure(() -> plan(typo), ErrorCode.INVALID_DOCUMENT);
        assertThat(invalid.getMessage()).contains("sales/sales-orders/product.odps.yaml:6:9: status 'actve' is not one"
                + " of proposed, draft, active, deprecated, retired; did you mean `active`?");
        failure(() -> apply(typo), ErrorCode.INVALID_DOCUMENT);
        assertThat(rows("products")).isZero();
    }

    @Test
    void aWordAsALibraryThresholdIsRefusedBeforeAnyBuild() {
        MeshBundle edited = new MeshBundle(example.meshYaml(), example.products().stream()
                .map(product -> !product.path().equals(SALES_ORDERS) ? product
                        : new MeshBundle.BundleProduct(product.path(), product.productYaml(), product.contracts().stream()
                                .map(file -> new MeshBundle.BundleFile(file.name(), file.text().replace(
                                        "metric: nullValues\n            mustBe: 0",
                                        "metric: nullValues\n            mustBe: zero")))
                                .toList()))
                .toList());
        PolderException invalid = failure(() -> plan(edited), ErrorCode.INVALID_DOCUMENT);
        assertThat(invalid.getMessage()).contains("sales/sales-orders/contracts/orders.odcs.yaml:44:21: `mustBe` of a"
                + " library rule must be a number: the metric `nullValues` is a count, compared as a number; found 'zero'"
                + " (at /schema/0/properties/0/quality/0/mustBe)");
    }

    @Test
    void badIdsInABundleAreRefusedAndNothingIsStored() {
        for (String badId : List.of("sales-orders'; DROP TABLE products; --", "../sales-orders", "s\u0430les-orders",
                "x".repeat(10_000))) {
            MeshBundle bad = ExampleMesh.withProduct(example, SALES_ORDERS,
                    text -> text.replace("id: sales-orders\n", "id: \"" + badId + "\"\n"));
            failure(() -> apply(bad), ErrorCode.INVALID_DOCUMENT);
        }
        for (String badPath : List.of("../sales", "/etc/passwd", "sales/./orders", "sales\\orders", "sales/s\u0430les")) {
            failure(() -> new MeshBundle.BundleProduct(badPath, "x", List.of()), ErrorCode.INVALID_ARGUMENT);
        }
        assertThat(rows("products") + rows("domains")).isZero();
    }

    @Test
    void productFiltersAndPagesSeeEveryProductOnce() {
        apply(example);
        assertThat(registry.catalog().listProducts(ProductFilter.inDomain("sales"), PageRequest.first()).items())
                .extracting(product -> product.id()).containsExactly("sales-daily-revenue", "sales-orders");
        assertThat(registry.catalog().listProducts(new ProductFilter(null, "logistics-fulfilment-team", null),
                PageRequest.first()).items()).hasSize(2);
        assertThat(registry.catalog().listProducts(new ProductFilter(null, null, LifecycleStatus.ACTIVE),
                PageRequest.first()).items()).hasSize(7);
        assertThat(registry.catalog().listProducts(new ProductFilter(null, null, LifecycleStatus.DRAFT),
                PageRequest.first()).items()).isEmpty();
        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (page != null) {
            Page<io.polder.registry.catalog.Product> result = registry.catalog().listProducts(ProductFilter.all(), page);
            result.items().forEach(product -> seen.add(product.id()));
            page = result.nextCursor() == null ? null : new PageRequest(result.nextCursor(), 2);
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(7).isSorted();
    }
}
