package io.polder.registry.access;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.ExampleMesh;
import io.polder.registry.PageRequest;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.auth.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Products consume too: applying a product whose input port reads another team's output port opens an access
 * request for the product's owning team (approved at once where the port's polder.yaml says so), once; the
 * product's build reads that input only when the grant exists.
 */
public abstract class ProductAccessTests extends RegistryTestBase {
    private static final Principal CUSTOMER_INSIGHTS = Principal.member("jonas@acme.example", "customer-insights-team");

    private AccessService access() {
        return registry.access();
    }

    @Test
    void applyingTheExampleMeshGrantsItsProductsTheirInputsAsItsPolderYamlsSay() {
        registry.apply().apply(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults());
        List<AccessRequest> opened = productRequests();
        assertThat(opened).extracting(request -> request.consumerProduct() + "." + request.inputPort() + " -> "
                        + request.address() + " for " + request.grantee() + ": " + request.state())
                .containsExactlyInAnyOrder(
                        "customer-360.customers -> customer-profiles/customers for customer-insights-team: approved",
                        "customer-360.orders -> sales-orders/orders for customer-insights-team: approved",
                        "customer-360.shipments -> logistics-shipments/shipments for customer-insights-team: approved",
                        "finance-revenue-report.daily-revenue -> sales-daily-revenue/daily-revenue for"
                                + " finance-controlling-team: approved",
                        "logistics-delivery-performance.orders -> sales-orders/orders for logistics-fulfilment-team:"
                                + " approved",
                        "sales-daily-revenue.orders -> sales-orders/orders for sales-analytics-team: approved");
        assertThat(opened).allSatisfy(request -> {
            assertThat(request.granteeKind()).isEqualTo(GranteeKind.TEAM);
            assertThat(request.requestedBy()).isEqualTo(admin().name());
            assertThat(request.decidedBy()).isEqualTo("polder");
            assertThat(request.decisionReason()).startsWith("auto-approved: ");
        });
        assertThat(access().grantsFor(CUSTOMER_INSIGHTS, clock.instant()).active()).extracting(Grant::id)
                .filteredOn(id -> !id.startsWith("owner:")).hasSize(3);
        for (String product : List.of("customer-360", "finance-revenue-report", "sales-daily-revenue",
                "logistics-delivery-performance")) {
            assertThatCode(() -> access().requireInputGrants(product, clock.instant())).doesNotThrowAnyException();
        }

        // idempotent: another apply that changes something opens nothing new
        registry.apply().apply(admin(), ExampleMesh.withProductFolder(ExampleMesh.bundleWithPlatformFiles(),
                "sales/sales-orders", product -> new BundleProduct(product.path(),
                        ExampleMesh.version("1.2.0", "1.2.1").apply(product.productYaml()), product.contracts(),
                        product.settingsYaml(), product.buildFiles())), ApplyOptions.defaults());
        assertThat(productRequests()).hasSize(6);
    }

    @Test
    void withoutAutoApprovalTheRequestWaitsAndTheBuildSaysWhatToRun() {
        registry.apply().apply(admin(), withoutAutoApproval(), ApplyOptions.defaults());
        List<AccessRequest> opened = productRequests();
        assertThat(opened).hasSize(6).allSatisfy(request -> assertThat(request.state())
                .isEqualTo(AccessRequestState.PENDING));
        AccessRequest revenue = opened.stream().filter(request -> request.consumerProduct().equals("sales-daily-revenue"))
                .findFirst().orElseThrow();
        assertThat(revenue.purpose()).isEqualTo("input port `orders` of product `sales-daily-revenue`");
        assertThat(revenue.durationDays()).isNull();
        assertThat(access().inbox(Principal.domainOwner("dana@acme.example", "sales")).pending())
                .extracting(AccessRequest::id).contains(revenue.id());

        PolderException refused = failure(() -> access().requireInputGrants("sales-daily-revenue", clock.instant()),
                ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).isEqualTo("input port `orders` of product `sales-daily-revenue` reads"
                + " sales-orders/orders (team sales-order-team), and team sales-analytics-team has no grant for it yet:"
                + " access request " + revenue.id() + " waits for the owners of sales-orders; they approve it with"
                + " `polder access approve " + revenue.id() + "`");
        assertThat(refused.details()).containsEntry("requestId", revenue.id())
                .containsEntry("command", "polder access approve " + revenue.id());
        assertThatCode(() -> access().requireInputGrants("sales-orders", clock.instant()))
                .as("reads no other team's port").doesNotThrowAnyException();

        access().approve(Principal.member("omar@acme.example", "sales-order-team"), revenue.id(), Approval.asRequested());
        assertThatCode(() -> access().requireInputGrants("sales-daily-revenue", clock.instant()))
                .doesNotThrowAnyException();
        Grant grant = access().getGrant(admin(), access().getRequest(admin(), revenue.id()).grantId());
        assertThat(grant.expiresAt()).as("a product's own input lasts until revoked").isNull();
        assertThat(access().grantsFor(Principal.member("priya@acme.example", "sales-analytics-team"), clock.instant())
                .active()).extracting(Grant::id).contains(grant.id());
    }

    @Test
    void afterTheOwnersSayNoApplyingDoesNotAskAgainAndTheBuildSaysSo() {
        registry.apply().apply(admin(), withoutAutoApproval(), ApplyOptions.defaults());
        AccessRequest revenue = productRequests().stream()
                .filter(request -> request.consumerProduct().equals("sales-daily-revenue")).findFirst().orElseThrow();
        access().reject(Principal.domainOwner("dana@acme.example", "sales"), revenue.id(), "use the finance extract");
        registry.apply().apply(admin(), ExampleMesh.withProductFolder(withoutAutoApproval(), "sales/sales-daily-revenue",
                product -> new BundleProduct(product.path(), ExampleMesh.version("1.1.0", "1.1.1")
                        .apply(product.productYaml()), product.contracts(), product.settingsYaml(), product.buildFiles())),
                ApplyOptions.defaults());
        assertThat(productRequests()).hasSize(6);
        PolderException refused = failure(() -> access().requireInputGrants("sales-daily-revenue", clock.instant()),
                ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("access request " + revenue.id() + " was rejected (use the finance"
                + " extract)", "`polder access request sales-orders/orders --team sales-analytics-team --purpose");
    }

    private List<AccessRequest> productRequests() {
        return access().listRequests(admin(), AccessFilter.all(), PageRequest.first(1000)).items().stream()
                .filter(request -> request.consumerProduct() != null).toList();
    }

    /** The example mesh with no access section in any polder.yaml. */
    private static MeshBundle withoutAutoApproval() {
        MeshBundle example = ExampleMesh.bundleWithPlatformFiles();
        return new MeshBundle(example.meshYaml(), example.products().stream()
                .map(product -> new BundleProduct(product.path(), product.productYaml(), product.contracts(),
                        product.settingsYaml() == null ? null : AccessTests.withoutAccess(product.settingsYaml()),
                        product.buildFiles()))
                .toList(), example.policies());
    }
}
